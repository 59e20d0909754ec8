/// Why a raw text could not become a value of the wanted variant; the caller adds where it came from.
struct ValueProblem: Error {
    let reason: String
}

/// Turns the texts of flags, environment variables and YAML scalars into typed values, with pflag's spellings.
enum ValueParsing {
    /// Parses `text` as a value of `variant`.
    static func value(_ text: String, as variant: ConfigVariant) throws(ValueProblem) -> ConfigValue {
        switch variant {
        case .string:
            return .string(text)
        case .bool:
            guard let flag = bool(text) else { throw ValueProblem(reason: "not a boolean") }
            return .bool(flag)
        case .int:
            guard let number = int(text) else { throw ValueProblem(reason: "not an integer") }
            return .int(number)
        case .stringList:
            return .stringList(try list(text))
        case .stringMap:
            return .stringMap(try keyValues(text))
        }
    }

    /// Go's `strconv.ParseBool` spellings.
    static func bool(_ text: String) -> Bool? {
        switch text {
        case "1", "t", "T", "true", "TRUE", "True": true
        case "0", "f", "F", "false", "FALSE", "False": false
        default: nil
        }
    }

    /// A decimal integer with optional sign, or `0x`/`0o`/`0b` prefixed; `_` separators allowed after a prefix.
    static func int(_ text: String) -> Int? {
        var digits = Substring(text)
        var negative = false
        if let sign = digits.first, sign == "-" || sign == "+" {
            negative = sign == "-"
            digits = digits.dropFirst()
        }
        var radix = 10
        let lowered = digits.lowercased()
        for (prefix, base) in [("0x", 16), ("0o", 8), ("0b", 2)] where lowered.hasPrefix(prefix) {
            radix = base
            digits = digits.dropFirst(2).filter { $0 != "_" }[...]
        }
        guard !digits.isEmpty, digits.first != "-", digits.first != "+",
            let magnitude = Int(digits, radix: radix)
        else { return nil }
        return negative ? -magnitude : magnitude
    }

    /// Comma-separated values as pflag reads them: a CSV record where `"…"` quotes a value holding commas.
    static func list(_ text: String) throws(ValueProblem) -> [String] {
        if text.isEmpty { return [] }
        var items: [String] = []
        var current = ""
        var index = text.startIndex
        var atFieldStart = true
        while index < text.endIndex {
            let character = text[index]
            if atFieldStart && character == "\"" {
                // A quoted field runs to the next lone quote; a doubled quote is a literal quote.
                index = text.index(after: index)
                var closed = false
                while index < text.endIndex {
                    let inner = text[index]
                    index = text.index(after: index)
                    if inner == "\"" {
                        if index < text.endIndex && text[index] == "\"" {
                            current.append("\"")
                            index = text.index(after: index)
                        } else {
                            closed = true
                            break
                        }
                    } else {
                        current.append(inner)
                    }
                }
                guard closed, index == text.endIndex || text[index] == "," else {
                    throw ValueProblem(reason: "malformed quoted value")
                }
                atFieldStart = false
                continue
            }
            index = text.index(after: index)
            if character == "," {
                items.append(current)
                current = ""
                atFieldStart = true
            } else {
                current.append(character)
                atFieldStart = false
            }
        }
        items.append(current)
        return items
    }

    /// `k=v,k2=v2` (each item split at its first `=`), as pflag's `stringToString` reads it.
    static func keyValues(_ text: String) throws(ValueProblem) -> [String: String] {
        var result: [String: String] = [:]
        for item in try list(text) {
            guard let equals = item.firstIndex(of: "=") else {
                throw ValueProblem(reason: "each item must be formatted as key=value")
            }
            result[String(item[..<equals])] = String(item[item.index(after: equals)...])
        }
        return result
    }

    /// Merges a later occurrence into an earlier one: lists append, maps merge, scalars are replaced.
    static func accumulate(_ earlier: ConfigValue?, _ later: ConfigValue) -> ConfigValue {
        switch (earlier, later) {
        case (.stringList(let first)?, .stringList(let second)):
            return .stringList(first + second)
        case (.stringMap(let first)?, .stringMap(let second)):
            return .stringMap(first.merging(second) { _, new in new })
        default:
            return later
        }
    }
}
