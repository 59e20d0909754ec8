/// A validated JSON document as a flat list of its values ("tape"), built in one pass over the bytes.
///
/// Nothing is materialized: a string is its byte range, a container knows where it ends, so a reader
/// skips a value it does not want in one step and compares keys as bytes. The scanner is strict
/// (RFC 8259, UTF-8 validated, nesting limited): whatever it refuses, ``TapeJSONDecoder`` hands to
/// Foundation, which has the last word on lenient or broken input.
struct JSONTape {
    enum Kind: UInt8 {
        case object, array, string, number, `true`, `false`, null
    }

    /// One value. Containers: `start` is the member or element count, `end` the index of the entry
    /// after their last value. Strings (without quotes) and numbers: the byte range `start..<end`.
    struct Entry {
        var kind: Kind
        /// Strings: ``escaped`` and ``nonASCII``. Numbers: ``integer`` when there is no fraction or exponent,
        /// ``exponent`` when there is an exponent.
        var flags: UInt8
        var start: UInt32
        var end: UInt32
    }

    static let escaped: UInt8 = 1
    static let nonASCII: UInt8 = 2
    static let integer: UInt8 = 4
    static let exponent: UInt8 = 8

    /// Deeper documents are left to Foundation (whose own limit is 512).
    static let maximumDepth = 256

    struct Invalid: Error {}

    private(set) var entries: [Entry] = []

    /// The index of the value after the one at `index`.
    func next(after index: Int) -> Int {
        let entry = entries[index]
        switch entry.kind {
        case .object, .array: return Int(entry.end)
        default: return index + 1
        }
    }

    /// Scans `bytes` (one JSON value, optional whitespace and UTF-8 byte-order mark around it).
    init(_ bytes: UnsafeRawBufferPointer) throws(Invalid) {
        guard bytes.count < Int(UInt32.max) else { throw Invalid() }
        entries.reserveCapacity(bytes.count / 8)
        var scanner = Scanner(bytes: bytes)
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { scanner.position = 3 }
        // Open containers: their entry index and member count so far.
        var open: [(index: Int, count: UInt32)] = []
        value: while true {
            scanner.skipWhitespace()
            guard let byte = scanner.peek() else { throw Invalid() }
            switch byte {
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                guard open.count < Self.maximumDepth else { throw Invalid() }
                let isObject = byte == UInt8(ascii: "{")
                open.append((entries.count, 0))
                entries.append(Entry(kind: isObject ? .object : .array, flags: 0, start: 0, end: 0))
                scanner.position += 1
                scanner.skipWhitespace()
                if scanner.peek() == (isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")) {
                    scanner.position += 1
                    close(&open)
                } else {
                    if isObject { try member(&scanner, &open) } else { open[open.count - 1].count += 1 }
                    continue value
                }
            case UInt8(ascii: "\""):
                entries.append(try scanner.string())
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                entries.append(try scanner.number())
            case UInt8(ascii: "t"):
                try scanner.literal("true")
                entries.append(Entry(kind: .true, flags: 0, start: 0, end: 0))
            case UInt8(ascii: "f"):
                try scanner.literal("false")
                entries.append(Entry(kind: .false, flags: 0, start: 0, end: 0))
            case UInt8(ascii: "n"):
                try scanner.literal("null")
                entries.append(Entry(kind: .null, flags: 0, start: 0, end: 0))
            default:
                throw Invalid()
            }
            // After a value: the next member or element, or the end of containers.
            while let top = open.last {
                scanner.skipWhitespace()
                let isObject = entries[top.index].kind == .object
                switch scanner.peek() {
                case UInt8(ascii: ","):
                    scanner.position += 1
                    if isObject { try member(&scanner, &open) } else { open[open.count - 1].count += 1 }
                    continue value
                case isObject ? UInt8(ascii: "}") : UInt8(ascii: "]"):
                    scanner.position += 1
                    close(&open)
                default:
                    throw Invalid()
                }
            }
            scanner.skipWhitespace()
            guard scanner.peek() == nil else { throw Invalid() }
            return
        }
    }

    /// A member's key and colon; its value follows.
    private mutating func member(_ scanner: inout Scanner, _ open: inout [(index: Int, count: UInt32)]) throws(Invalid)
    {
        scanner.skipWhitespace()
        guard scanner.peek() == UInt8(ascii: "\"") else { throw Invalid() }
        entries.append(try scanner.string())
        scanner.skipWhitespace()
        guard scanner.peek() == UInt8(ascii: ":") else { throw Invalid() }
        scanner.position += 1
        open[open.count - 1].count += 1
    }

    private mutating func close(_ open: inout [(index: Int, count: UInt32)]) {
        let top = open.removeLast()
        entries[top.index].start = top.count
        entries[top.index].end = UInt32(entries.count)
    }

    private struct Scanner {
        let bytes: UnsafeRawBufferPointer
        var position = 0

        func peek() -> UInt8? {
            position < bytes.count ? bytes[position] : nil
        }

        mutating func skipWhitespace() {
            while position < bytes.count {
                switch bytes[position] {
                case 0x20, 0x0A, 0x0D, 0x09: position += 1
                default: return
                }
            }
        }

        mutating func literal(_ word: StaticString) throws(Invalid) {
            let count = word.utf8CodeUnitCount
            guard position + count <= bytes.count else { throw Invalid() }
            for offset in 0..<count where bytes[position + offset] != word.utf8Start[offset] {
                throw Invalid()
            }
            position += count
        }

        /// A string from its opening quote: escapes checked for form and surrogate pairs, raw control
        /// characters refused, non-ASCII bytes validated as UTF-8.
        mutating func string() throws(Invalid) -> Entry {
            position += 1
            let start = position
            var flags: UInt8 = 0
            while true {
                guard position < bytes.count else { throw Invalid() }
                let byte = bytes[position]
                if byte == UInt8(ascii: "\"") { break }
                if byte == UInt8(ascii: "\\") {
                    flags |= JSONTape.escaped
                    position += 1
                    guard position < bytes.count else { throw Invalid() }
                    switch bytes[position] {
                    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"),
                        UInt8(ascii: "f"), UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                        position += 1
                    case UInt8(ascii: "u"):
                        // Surrogates must pair up (Foundation refuses a key that does not, and any value it reads).
                        let unit = try hex4(at: position + 1)
                        position += 5
                        if (0xDC00...0xDFFF).contains(unit) { throw Invalid() }
                        if (0xD800...0xDBFF).contains(unit) {
                            guard position + 1 < bytes.count, bytes[position] == UInt8(ascii: "\\"),
                                bytes[position + 1] == UInt8(ascii: "u"),
                                (0xDC00...0xDFFF).contains(try hex4(at: position + 2))
                            else { throw Invalid() }
                            position += 6
                        }
                    default:
                        throw Invalid()
                    }
                } else if byte < 0x20 {
                    throw Invalid()
                } else {
                    if byte >= 0x80 { flags |= JSONTape.nonASCII }
                    position += 1
                }
            }
            let end = position
            position += 1
            if flags & JSONTape.nonASCII != 0 {
                let valid = UnsafeRawBufferPointer(rebasing: bytes[start..<end]).withMemoryRebound(to: UInt8.self) {
                    String(validating: $0, as: UTF8.self) != nil
                }
                guard valid else { throw Invalid() }
            }
            return Entry(kind: .string, flags: flags, start: UInt32(start), end: UInt32(end))
        }

        private func hex4(at start: Int) throws(Invalid) -> UInt32 {
            guard start + 4 <= bytes.count else { throw Invalid() }
            var value: UInt32 = 0
            for offset in 0..<4 {
                guard let digit = JSONTape.hexValue(bytes[start + offset]) else { throw Invalid() }
                value = value << 4 | digit
            }
            return value
        }

        /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`
        mutating func number() throws(Invalid) -> Entry {
            let start = position
            var flags = JSONTape.integer
            if peek() == UInt8(ascii: "-") { position += 1 }
            guard let first = peek(), Self.isDigit(first) else { throw Invalid() }
            position += 1
            if first != UInt8(ascii: "0") { skipDigits() }
            if peek() == UInt8(ascii: ".") {
                flags = 0
                position += 1
                guard let digit = peek(), Self.isDigit(digit) else { throw Invalid() }
                skipDigits()
            }
            if peek() == UInt8(ascii: "e") || peek() == UInt8(ascii: "E") {
                flags = JSONTape.exponent
                position += 1
                if peek() == UInt8(ascii: "+") || peek() == UInt8(ascii: "-") { position += 1 }
                guard let digit = peek(), Self.isDigit(digit) else { throw Invalid() }
                skipDigits()
            }
            return Entry(kind: .number, flags: flags, start: UInt32(start), end: UInt32(position))
        }

        private mutating func skipDigits() {
            while let byte = peek(), Self.isDigit(byte) { position += 1 }
        }

        private static func isDigit(_ byte: UInt8) -> Bool {
            byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
        }
    }

    static func hexValue(_ byte: UInt8) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(byte - UInt8(ascii: "A") + 10)
        default: nil
        }
    }
}
