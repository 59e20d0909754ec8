#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

extension WellKnownString {
    /// The noun in "value must be a valid <noun>", as the reference words it.
    var noun: String {
        switch self {
        case .email: "email address"
        case .hostname: "hostname"
        case .ip: "IP address"
        case .ipv4: "IPv4 address"
        case .ipv6: "IPv6 address"
        case .uri: "URL"
        case .address: "hostname or IP address"
        case .uuid: "UUID"
        }
    }

    /// Whether `value` has this format.
    func accepts(_ value: String) -> Bool {
        switch self {
        case .email: Self.isEmail(value)
        case .hostname, .address:
            Self.isIP(value, family: AF_INET) || Self.isIP(value, family: AF_INET6) || Self.isDomainName(value)
        case .ip: Self.isIP(value, family: AF_INET) || Self.isIP(value, family: AF_INET6)
        case .ipv4: Self.isIP(value, family: AF_INET)
        case .ipv6: Self.isIP(value, family: AF_INET6)
        case .uri: Self.isRequestURI(value)
        case .uuid: Self.isUUID(value)
        }
    }

    private static func isIP(_ value: String, family: Int32) -> Bool {
        var buffer = (UInt64(0), UInt64(0))
        return withUnsafeMutableBytes(of: &buffer) { inet_pton(family, value, $0.baseAddress) == 1 }
    }

    /// Dot-separated labels of letters, digits and inner hyphens, 1–63 characters each, 253 at most in total.
    private static func isDomainName(_ value: String) -> Bool {
        let bytes = Array(value.utf8)
        guard !bytes.isEmpty, bytes.count <= 253 else { return false }
        let labels = bytes.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        return labels.allSatisfy { label in
            guard let first = label.first, let last = label.last, label.count <= 63 else { return false }
            return isAlphanumeric(first) && isAlphanumeric(last)
                && label.allSatisfy { isAlphanumeric($0) || $0 == UInt8(ascii: "-") }
        }
    }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
    }

    /// `local@domain`, optionally as `Display Name <local@domain>`.
    private static func isEmail(_ value: String) -> Bool {
        var address = Substring(value)
        if value.hasSuffix(">"), let open = value.lastIndex(of: "<") {
            address = value[value.index(after: open)..<value.index(before: value.endIndex)]
        }
        guard let at = address.lastIndex(of: "@") else { return false }
        let local = address[..<at]
        let domain = address[address.index(after: at)...]
        let atomCharacters = Set("!#$%&'*+-/=?^_`{|}~".utf8)
        let localAtoms = local.utf8.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        let localIsValid =
            !local.isEmpty
            && localAtoms.allSatisfy { atom in
                !atom.isEmpty && atom.allSatisfy { isAlphanumeric($0) || atomCharacters.contains($0) || $0 >= 0x80 }
            }
        return localIsValid && isDomainName(String(domain))
    }

    /// An absolute URI (`scheme:rest`, with a host when it has `//`) or an absolute path, without spaces or controls.
    private static func isRequestURI(_ value: String) -> Bool {
        guard !value.isEmpty, !value.unicodeScalars.contains(where: { $0.value <= 0x20 || $0.value == 0x7F }) else {
            return false
        }
        if value.hasPrefix("/") { return true }
        guard let colon = value.firstIndex(of: ":") else { return false }
        let scheme = value[..<colon]
        guard let first = scheme.first, first.isASCII, first.isLetter,
            scheme.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "+-.".contains($0)) })
        else { return false }
        let rest = value[value.index(after: colon)...]
        guard !rest.isEmpty else { return false }
        if rest.hasPrefix("//") {
            let authority = rest.dropFirst(2).prefix { $0 != "/" && $0 != "?" && $0 != "#" }
            return !authority.isEmpty
        }
        return true
    }

    /// The forms Go's `uuid.Parse` accepts: canonical, `urn:uuid:` prefixed, braced, or 32 bare hex digits.
    private static func isUUID(_ value: String) -> Bool {
        var text = Substring(value)
        if text.lowercased().hasPrefix("urn:uuid:") {
            text = text.dropFirst(9)
        } else if text.hasPrefix("{") && text.hasSuffix("}") {
            text = text.dropFirst().dropLast()
        }
        let isHex = { (character: Character) in character.isHexDigit }
        if text.count == 32 { return text.allSatisfy(isHex) }
        let groups = text.split(separator: "-", omittingEmptySubsequences: false)
        return groups.map(\.count) == [8, 4, 4, 4, 12] && groups.allSatisfy { $0.allSatisfy(isHex) }
    }
}
