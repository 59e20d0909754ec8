import Hummingbird
import MockKit

/// Jira offset paging: `startAt` and `maxResults`, the latter clamped to the endpoint's maximum and to
/// the mock's cap (real Jira also answers with fewer items than asked for).
struct JiraPage {
    var startAt: Int
    var maxResults: Int

    /// Reads `startAt` and `maxResults` from the query.
    ///
    /// - Throws: `JiraAPIError` 400 for a value that is not an integer.
    init(_ query: [String: String], standard: Int = 50, maximum: Int, cap: Int?) throws(JiraAPIError) {
        func integer(_ name: String) throws(JiraAPIError) -> Int? {
            guard let text = query[name], !text.isEmpty else { return nil }
            guard let value = Int(text) else {
                throw JiraAPIError.badRequest("The '\(name)' parameter must be an integer.")
            }
            return value
        }
        startAt = max(0, try integer("startAt") ?? 0)
        var limit = try integer("maxResults") ?? standard
        if limit <= 0 { limit = standard }
        limit = min(limit, maximum)
        if let cap { limit = min(limit, max(1, cap)) }
        maxResults = limit
    }

    /// The part of `0..<count` this page covers.
    func range(count: Int) -> Range<Int> {
        let start = min(startAt, count)
        return start..<min(count, start + maxResults)
    }

    /// Writes Jira's paged envelope: `self`, `nextPage` (when more follow), `maxResults`, `startAt`,
    /// `total`, `isLast` and the `values` that `write` writes for each index of the page.
    func writeEnvelope(
        _ request: Request, baseURL: String, total: Int, into json: inout JSONWriter,
        write: (Int, inout JSONWriter) -> Void
    ) {
        let range = range(count: total)
        let isLast = range.upperBound >= total
        let path = baseURL + request.uri.path
        json.object { json in
            json.field("self", "\(path)?\(request.uri.query ?? "")")
            if !isLast {
                let next = QueryString.replacing(
                    Substring(request.uri.query ?? ""),
                    with: [("startAt", String(range.upperBound)), ("maxResults", String(maxResults))])
                json.field("nextPage", "\(path)?\(next)")
            }
            json.field("maxResults", maxResults)
            json.field("startAt", startAt)
            json.field("total", total)
            json.field("isLast", isLast)
            json.key("values")
            json.array { json in
                for index in range { write(index, &json) }
            }
        }
    }
}
