import Foundation
import HTTPTypes
import Hummingbird
import MockKit

/// Okta cursor paging: `limit` and `after`, answered with `Link` headers as separate header lines.
enum OktaPaging {
    /// The page size: `limit` if given (clamped to `maximum`), else `standard`; never above the
    /// mock's page cap.
    static func limit(_ text: String?, standard: Int, maximum: Int, cap: Int?) throws(OktaAPIError) -> Int {
        var limit = standard
        if let text, !text.isEmpty {
            guard let value = Int(text) else {
                throw OktaAPIError.validation("limit", cause: "The limit must be an integer.")
            }
            limit = value <= 0 ? standard : min(value, maximum)
        }
        if let cap { limit = min(limit, max(1, cap)) }
        return limit
    }

    /// One `Link` line for the page itself and, when there is more, one for the next page
    /// (`after=<id of the last item>`), both absolute.
    static func links(_ request: Request, baseURL: String, nextAfter: String?) -> HTTPFields {
        let path = baseURL + request.uri.path
        let query = request.uri.query ?? ""
        var headers = HTTPFields()
        headers.append(HTTPField(name: .link, value: "<\(path)\(query.isEmpty ? "" : "?" + query)>; rel=\"self\""))
        if let nextAfter {
            let next = QueryString.replacing(Substring(query), with: [("after", nextAfter)])
            headers.append(HTTPField(name: .link, value: "<\(path)?\(next)>; rel=\"next\""))
        }
        return headers
    }

    /// The href `_links.next` carries in `/iam` list bodies (same URL as the `next` Link line).
    static func nextHref(_ request: Request, baseURL: String, nextAfter: String) -> String {
        let query = QueryString.replacing(Substring(request.uri.query ?? ""), with: [("after", nextAfter)])
        return "\(baseURL)\(request.uri.path)?\(query)"
    }

    /// The index an `after` cursor (an object id) stands for; nil without a cursor.
    static func cursor(_ id: String?, in index: [String: Int32]) throws(OktaAPIError) -> Int32? {
        guard let id else { return nil }
        guard let position = index[id] else {
            throw OktaAPIError.validation("after", cause: "The cursor is not valid.")
        }
        return position
    }

    /// Walks the slots `0..<count` after `cursor`, writing the first `limit` that `include` accepts.
    ///
    /// - Returns: the slot of the last one written when another accepted slot follows (the next
    ///   page's cursor), else nil. Skipped slots cost a look each, so a page is O(limit + skipped).
    static func scan(
        after cursor: Int32?, count: Int, limit: Int, include: (Int) -> Bool, write: (Int) -> Void
    ) -> Int? {
        var slot = cursor.map { Int($0) + 1 } ?? 0
        var written = 0
        var last: Int?
        while slot < count {
            if include(slot) {
                if written == limit { return last }
                write(slot)
                written += 1
                last = slot
            }
            slot += 1
        }
        return nil
    }

    /// A page of a sorted index list after the element `after` (nil: from the start).
    static func slice(_ sorted: [Int32], after: Int32?, limit: Int) -> (page: ArraySlice<Int32>, hasMore: Bool) {
        let start = after.map { sorted.firstIndex(after: $0) } ?? 0
        let end = min(sorted.count, start + limit)
        return (sorted[start..<end], end < sorted.count)
    }
}

/// The `search`, `filter` and `q` parameters of `GET /api/v1/users`.
///
/// Expressions are terms joined by `and` / `or` (no parentheses); a term is `<attribute> pr`,
/// `<attribute> eq "<value>"` or `<attribute> sw "<value>"`, with `status`, `id` and `profile.*`
/// attributes. Without `search`, or when the expression does not mention `status`, DEPROVISIONED
/// users are left out, as Okta does for `filter` and plain lists.
struct OktaUserQuery {
    private enum Operation {
        case present
        case equals(String)
        case startsWith(String)
    }

    private struct Term {
        var attribute: String
        var operation: Operation
    }

    private var clauses: [[Term]] = []  // OR of ANDs
    private var prefix: String?
    private var includeDeprovisioned = false

    init(search: String?, filter: String?, q: String?) throws(OktaAPIError) {
        if let expression = search ?? filter {
            clauses = try Self.parse(expression)
            includeDeprovisioned = search != nil || expression.contains("status")
        }
        prefix = q.map { $0.lowercased() }
    }

    func matches(_ user: borrowing OktaUser) -> Bool {
        if !includeDeprovisioned, user.status == .deprovisioned { return false }
        if let prefix {
            let profile = user.profile
            let fields = [profile.firstName, profile.lastName, profile.email, profile.login]
            guard fields.contains(where: { $0?.lowercased().hasPrefix(prefix) ?? false }) else { return false }
        }
        guard !clauses.isEmpty else { return true }
        for terms in clauses {
            var all = true
            for term in terms where !Self.evaluate(term, user) {
                all = false
                break
            }
            if all { return true }
        }
        return false
    }

    private static func evaluate(_ term: Term, _ user: borrowing OktaUser) -> Bool {
        let value: String? =
            switch term.attribute {
            case "status": user.status.rawValue
            case "id": user.id
            case "profile.login": user.profile.login
            case "profile.email": user.profile.email
            case "profile.secondEmail": user.profile.secondEmail
            case "profile.firstName": user.profile.firstName
            case "profile.lastName": user.profile.lastName
            case "profile.displayName": user.profile.displayName
            case "profile.department": user.profile.department
            case "profile.employeeNumber": user.profile.employeeNumber
            case "profile.userType": user.profile.userType
            default: user.profile.extra[String(term.attribute.dropFirst("profile.".count))]?.stringValue
            }
        switch term.operation {
        case .present: return value != nil
        case .equals(let expected): return value?.lowercased() == expected.lowercased()
        case .startsWith(let expected): return value?.lowercased().hasPrefix(expected.lowercased()) ?? false
        }
    }

    private static func parse(_ expression: String) throws(OktaAPIError) -> [[Term]] {
        var clauses: [[Term]] = []
        for clause in expression.components(separatedBy: " or ") {
            var terms: [Term] = []
            for text in clause.components(separatedBy: " and ") {
                terms.append(try parseTerm(text.trimmingCharacters(in: .whitespaces)))
            }
            clauses.append(terms)
        }
        return clauses
    }

    private static func parseTerm(_ text: String) throws(OktaAPIError) -> Term {
        let parts = text.split(separator: " ", maxSplits: 2).map(String.init)
        guard parts.count >= 2 else { throw OktaAPIError.invalidSearch }
        let attribute = parts[0]
        guard attribute == "status" || attribute == "id" || attribute.hasPrefix("profile.") else {
            throw OktaAPIError.invalidSearch
        }
        switch (parts[1], parts.count) {
        case ("pr", 2):
            return Term(attribute: attribute, operation: .present)
        case ("eq", 3), ("sw", 3):
            let quoted = parts[2]
            guard quoted.count >= 2, quoted.hasPrefix("\""), quoted.hasSuffix("\"") else {
                throw OktaAPIError.invalidSearch
            }
            let value = String(quoted.dropFirst().dropLast())
            return Term(attribute: attribute, operation: parts[1] == "eq" ? .equals(value) : .startsWith(value))
        default:
            throw OktaAPIError.invalidSearch
        }
    }
}
