import BatonHTTP
import BatonJSON
import BatonSDK
import Foundation

extension FuzzTarget {
    /// Page tokens: the pagination bag (Go-compatible JSON), offset tokens and next-link tokens.
    static let pageToken = FuzzTarget(
        "page-token", "PaginationBag tokens, offset tokens and next-link page URLs"
    ) { data throws(FuzzViolation) in
        let token = data.text
        try FuzzViolation.expecting(BatonError.self, from: "PaginationBag") {
            let bag = try PaginationBag(token: token)
            let marshalled = bag.marshal()
            let again = try PaginationBag(token: marshalled)
            try FuzzViolation.check(again.marshal() == marshalled, "marshal is not stable for \(marshalled)")
            if bag.current != nil {
                try FuzzViolation.check(again == bag, "\(token) decodes, marshals and decodes to another bag")
            }
            var next = bag
            let stepped = try next.nextToken(token)
            try FuzzViolation.check(
                try PaginationBag(token: stepped).marshal() == stepped, "nextToken gave a token that does not decode")
            if let url = try? bag.pageURL(orFirst: firstPage) {
                try FuzzViolation.check(
                    url.host?.lowercased() == "api.example.com" && url.scheme == "https" && url.port == nil,
                    "page URL \(url) leaves the API host")
            }
        } check: { error throws(FuzzViolation) in
            try FuzzViolation.check(error.code == .invalidArgument, "bag error code \(error.code): \(error.message)")
        }
        try FuzzViolation.expecting(BatonError.self, from: "OffsetPaging") {
            let offset = try OffsetPaging.offset(token)
            try FuzzViolation.check(offset >= 0, "negative offset \(offset) from \(token)")
            try FuzzViolation.check(
                try OffsetPaging.offset(String(offset)) == offset, "offset \(offset) does not round-trip")
            // What a connector does with it: the token of the page after a page of up to 1000 items.
            let next = OffsetPaging.nextToken(offset: offset, received: data.count % 1001)
            try FuzzViolation.check(next.isEmpty || (try OffsetPaging.offset(next)) > offset, "next offset \(next)")
        } check: { error throws(FuzzViolation) in
            try FuzzViolation.check(
                error.code == .invalidArgument && error.message.hasPrefix("page token corrupt"),
                "offset error \(error.code): \(error.message)")
        }
    }

    /// Every rate-limit header family, `Retry-After` and the date formats: header lines `Name: value`.
    static let rateLimit = FuzzTarget(
        "rate-limit", "RateLimitParser on arbitrary header lines (counts, resets, HTTP-dates, RFC 3339)"
    ) { data throws(FuzzViolation) in
        let lines = data.text.split(whereSeparator: \.isNewline)
        var fields: [(String, String)] = []
        for line in lines.prefix(16) {
            let parts = line.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
            fields.append((String(parts[0]), parts.count > 1 ? String(parts[1]) : ""))
        }
        let now = Date(timeIntervalSince1970: 1_765_000_000)
        for (_, value) in fields {
            if let reset = RateLimitParser.parseReset(value, now: now) {
                try FuzzViolation.check(reset.timeIntervalSince1970.isFinite, "reset \(value) is not finite")
                _ = Duration.seconds(max(0, reset.timeIntervalSince(now)))
            }
        }
        let status = data.count % 7 == 0 ? 429 : 200
        if let info = RateLimitParser.parse(headers: HTTPHeaderFields(fields), status: status, now: now) {
            try FuzzViolation.check(info.limit >= 0 && info.remaining >= 0, "negative counts in \(info)")
            if status == 429 { try FuzzViolation.check(info.resetAt != nil, "a 429 without a reset time") }
            // What the HTTP client and the sync's retry policy do with a reset: a wait as a Duration, in ms.
            if let delay = info.suggestedDelay(now: now) {
                _ = Duration.milliseconds(Int64(delay * 1000))
                _ = Duration.seconds(delay)
            }
        } else {
            try FuzzViolation.check(status != 429, "a 429 gave no rate-limit state")
        }
    }

    /// `Link` headers: one value per line, as several header lines.
    static let linkHeader = FuzzTarget(
        "link-header", "LinkHeader (RFC 8288) on arbitrary header values"
    ) { data throws(FuzzViolation) in
        let values = data.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let links = LinkHeader.links(in: values)
        for link in links {
            try FuzzViolation.check(!link.target.contains(">"), "target \(link.target) holds a '>'")
            try FuzzViolation.check(
                link.relations.allSatisfy { !$0.isEmpty && $0 == $0.lowercased() }, "relations \(link.relations)")
        }
        let byRelation = LinkHeader.parse(values)
        for (relation, target) in byRelation {
            try FuzzViolation.check(
                links.first { $0.relations.contains(relation) }?.target == target, "\(relation) is not the first link")
        }
    }
}

private let firstPage = URL(string: "https://api.example.com/api/v1/users?limit=200")!

extension FuzzTarget {
    /// Any bytes as a JSON document: `TapeJSONDecoder` gives exactly Foundation's value or error, and a value it
    /// finds on its own is Foundation's value.
    static let jsonTape = FuzzTarget(
        "json-tape", "TapeJSONDecoder against Foundation's JSONDecoder on any JSON value"
    ) { data throws(FuzzViolation) in
        enum Answer: Equatable {
            case value(JSONValue)
            case error(String)
        }
        // Errors are compared by kind: which failing key Foundation reports first follows dictionary order,
        // which differs between two decodes of the same bytes.
        func answer(_ decode: () throws -> JSONValue) -> Answer {
            do { return .value(try decode()) } catch { return .error(DecodingError.kind(of: error)) }
        }
        let foundation = answer { try JSONDecoder().decode(JSONValue.self, from: data) }
        let tape = answer { try TapeJSONDecoder.decode(JSONValue.self, from: data) }
        try FuzzViolation.check(tape == foundation, "TapeJSONDecoder: \(tape), Foundation: \(foundation)")
        if let own = try? TapeJSONDecoder.decodeWithoutFallback(JSONValue.self, from: data) {
            try FuzzViolation.check(
                .value(own) == foundation, "TapeJSONDecoder alone: \(own), Foundation: \(foundation)")
        }
    }
}
