/// Rule checks producing the reference SDK's messages (`field <name>: value must …`).
///
/// Every message shows a value through `shown`, which is `***` for secret fields, so rule errors never carry a
/// secret.
extension ConfigField {
    /// The first rule `value` breaks, as a message, or `nil` when it satisfies the field's rules.
    func ruleProblem(for value: ConfigValue) -> String? {
        let shown: (String) -> String = { [isSecret] in isSecret ? "***" : $0 }
        if isRequired && !value.isNonZero {
            return "field \(name) of type \(variant.goTypeName) is marked as required but it has a zero-value"
        }
        switch (rules, value) {
        case (.string(let rules), .string(let text)):
            return rules.problem(text, name: name, shown: shown)
        case (.int(let rules), .int(let number)):
            return rules.problem(number, name: name)
        case (.bool(let rules), .bool(let flag)):
            guard let expected = rules.eq, expected != flag else { return nil }
            return "field \(name): expected \(expected) but got \(flag)"
        case (.stringList(let rules), .stringList(let items)):
            return rules.problem(items, name: name, shown: shown)
        default:
            // String maps have no rules beyond `required`; mismatched variants are rejected by the schema.
            return nil
        }
    }
}

extension FieldRules {
    /// A message when a string pattern (of the field or of its list items) does not compile, else `nil`.
    func patternProblem(fieldName: String) -> String? {
        let pattern: String?
        switch self {
        case .string(let rules): pattern = rules.pattern
        case .stringList(let rules): pattern = rules.itemRules?.pattern
        default: pattern = nil
        }
        guard let pattern else { return nil }
        do {
            _ = try Regex(pattern)
            return nil
        } catch {
            return "field \(fieldName): invalid pattern: \(pattern)"
        }
    }
}

/// Go's `%v` of a slice: `[a b c]`.
private func goList(_ items: [some CustomStringConvertible]) -> String {
    "[" + items.map(\.description).joined(separator: " ") + "]"
}

extension StringRules {
    func problem(_ value: String, name: String, shown: (String) -> String) -> String? {
        if !validateEmpty && value.isEmpty { return nil }
        let got = "'\(shown(value))'"
        if let eq, eq != value { return "field \(name): expected '\(eq)' but got \(got)" }
        let length = value.count
        if let len, length != len {
            return "field \(name): value must be exactly \(len) characters long but got \(length)"
        }
        if let minLen, length < minLen {
            return "field \(name): value must be at least \(minLen) characters long but got \(length)"
        }
        if let maxLen, length > maxLen {
            return "field \(name): value must be at most \(maxLen) characters long but got \(length)"
        }
        if let pattern {
            guard let regex = try? Regex(pattern) else { return "field \(name): invalid pattern: \(pattern)" }
            if (try? regex.firstMatch(in: value)) == nil {
                return "field \(name): value must match pattern \(pattern) but got \(got)"
            }
        }
        if let prefix, !value.hasPrefix(prefix) {
            return "field \(name): value must have prefix '\(prefix)' but got \(got)"
        }
        if let suffix, !value.hasSuffix(suffix) {
            return "field \(name): value must have suffix '\(suffix)' but got \(got)"
        }
        if let contains, !value.contains(contains) {
            return "field \(name): value must contain '\(contains)' but got \(got)"
        }
        if let notContains, !notContains.isEmpty, value.contains(notContains) {
            return "field \(name): value must not contain '\(notContains)' but got \(got)"
        }
        if !oneOf.isEmpty && !oneOf.contains(value) {
            return "field \(name): value must be one of \(goList(oneOf)) but got \(got)"
        }
        if noneOf.contains(value) {
            return "field \(name): value must not be one of \(goList(noneOf)) but got \(got)"
        }
        guard let wellKnown, !wellKnown.accepts(value) else { return nil }
        return "field \(name): value must be a valid \(wellKnown.noun) but got \(got)"
    }
}

extension IntRules {
    func problem(_ value: Int, name: String) -> String? {
        if !validateEmpty && value == 0 { return nil }
        if let eq, eq != value { return "field \(name): expected \(eq) but got \(value)" }
        if let lt, value >= lt { return "field \(name): value must be less than \(lt) but got \(value)" }
        if let lte, value > lte {
            return "field \(name): value must be less than or equal to \(lte) but got \(value)"
        }
        if let gt, value <= gt { return "field \(name): value must be greater than \(gt) but got \(value)" }
        if let gte, value < gte {
            return "field \(name): value must be greater than or equal to \(gte) but got \(value)"
        }
        if !oneOf.isEmpty && !oneOf.contains(value) {
            return "field \(name): value must be one of \(goList(oneOf)) but got \(value)"
        }
        if noneOf.contains(value) {
            return "field \(name): value must not be one of \(goList(noneOf)) but got \(value)"
        }
        return nil
    }
}

extension StringListRules {
    func problem(_ items: [String], name: String, shown: (String) -> String) -> String? {
        if !validateEmpty && items.isEmpty { return nil }
        if let minItems, items.count < minItems {
            return "field \(name): value must have at least \(minItems) items but got \(items.count)"
        }
        if let maxItems, items.count > maxItems {
            return "field \(name): value must have at most \(maxItems) items but got \(items.count)"
        }
        if unique {
            var seen: Set<String> = []
            for item in items where !seen.insert(item).inserted {
                return "field \(name): value must not contain duplicate items but got multiple \"\(shown(item))\""
            }
        }
        guard let itemRules else { return nil }
        for (index, item) in items.enumerated() {
            // The reference names the item by its index inside the nested message.
            if let problem = itemRules.problem(item, name: String(index), shown: shown) {
                return "field \(name) invalid item at \(problem)"
            }
        }
        return nil
    }
}
