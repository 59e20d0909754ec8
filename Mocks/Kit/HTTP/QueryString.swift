/// Helpers for query strings and form bodies, kept byte-exact so links echo what the client sent.
public enum QueryString {
    /// Splits `a=1&b=x%20y` into decoded pairs, in order; `+` decodes to a space (form encoding).
    public static func parse(_ text: Substring) -> [(name: String, value: String)] {
        text.split(separator: "&", omittingEmptySubsequences: true).map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = decode(parts[0])
            let value = parts.count > 1 ? decode(parts[1]) : ""
            return (name, value)
        }
    }

    /// Parses a form body (`application/x-www-form-urlencoded`) into a dictionary (last value wins).
    public static func parseForm(_ bytes: [UInt8]) -> [String: String] {
        var result: [String: String] = [:]
        for (name, value) in parse(Substring(String(decoding: bytes, as: UTF8.self))) {
            result[name] = value
        }
        return result
    }

    /// Percent-decodes one component; `+` becomes a space unless `plusAsSpace` is false (paths).
    /// Invalid escapes are kept as typed.
    public static func decode(_ text: Substring, plusAsSpace: Bool = true) -> String {
        let input = Array(text.utf8)
        var bytes = [UInt8]()
        bytes.reserveCapacity(input.count)
        var index = 0
        while index < input.count {
            let byte = input[index]
            if byte == UInt8(ascii: "+"), plusAsSpace {
                bytes.append(UInt8(ascii: " "))
            } else if byte == UInt8(ascii: "%"), index + 2 < input.count,
                let high = hexValue(input[index + 1]), let low = hexValue(input[index + 2])
            {
                bytes.append(high * 16 + low)
                index += 2
            } else {
                bytes.append(byte)
            }
            index += 1
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Percent-encodes a query value (everything but unreserved characters).
    public static func encode(_ text: String) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        var bytes = [UInt8]()
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"):
                bytes.append(byte)
            default:
                bytes.append(contentsOf: [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 0xF)]])
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The raw query with the named parameters removed and `replacements` put first, encoded:
    /// `replacing("limit=2&after=x&search=status%20pr", with: [("after", "y")])` is
    /// `after=y&limit=2&search=status%20pr`.
    public static func replacing(_ rawQuery: Substring, with replacements: [(String, String)]) -> String {
        let names = Set(replacements.map(\.0))
        let kept = rawQuery.split(separator: "&", omittingEmptySubsequences: true).filter { pair in
            let name = decode(pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)[0])
            return !names.contains(name)
        }
        let added = replacements.map { "\(encode($0.0))=\(encode($0.1))" }
        return (added + kept.map(String.init)).joined(separator: "&")
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
