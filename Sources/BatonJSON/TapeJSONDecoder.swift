public import Foundation

/// Decodes `Decodable` values from JSON bytes the way Foundation's `JSONDecoder()` (default options)
/// does, several times faster on the pages connectors read.
///
/// Foundation turns every object it decodes into a dictionary of `String` keys; a connector that
/// declares five fields of a user with forty pays for all forty. This decoder scans the body once
/// into a ``JSONTape`` and answers each lookup by comparing key bytes, skipping what nobody asks for.
/// Connectors keep declaring plain `Decodable` structs.
///
/// Foundation stays the authority: whenever this decoder fails (the body is not strict JSON, a value
/// does not fit, a type it does not handle itself, a model's own error), the same body is decoded
/// again by `JSONDecoder()` and its value or its error is the answer. So a value comes from here only
/// when both agree, and every error message is Foundation's.
///
/// ```swift
/// let users = try TapeJSONDecoder.decode([User].self, from: body)
/// ```
public enum TapeJSONDecoder {
    /// Decodes `type` from `data`.
    /// - Throws: the `DecodingError` Foundation's `JSONDecoder()` throws for the same bytes.
    public static func decode<T: Decodable>(_ type: T.Type, from data: Data) throws -> T {
        if let value = try? decodeWithoutFallback(type, from: data) { return value }
        return try JSONDecoder().decode(type, from: data)
    }

    /// This decoder alone, without Foundation behind it (for tests and the fuzzer's comparison).
    package static func decodeWithoutFallback<T: Decodable>(_ type: T.Type, from data: Data) throws -> T {
        try data.withUnsafeBytes { bytes in
            let decoder = TapeDecoder(bytes: bytes, tape: try JSONTape(bytes))
            return try decoder.decodeValue(type, at: 0)
        }
    }
}

/// The decoder behind ``TapeJSONDecoder``: one per document, pointed at the value being decoded.
///
/// Nested values are decoded by moving `current` and restoring it afterwards, as Foundation's decoder
/// does, so a document costs one decoder however deep it is. Only valid inside the decode call that
/// made it (it reads the caller's bytes).
final class TapeDecoder: Decoder, SingleValueDecodingContainer {
    let bytes: UnsafeRawBufferPointer
    let tape: JSONTape
    /// The entry of the value being decoded.
    var current = 0
    /// The keys from the root to `current`.
    var path: [any CodingKey] = []

    init(bytes: UnsafeRawBufferPointer, tape: JSONTape) {
        self.bytes = bytes
        self.tape = tape
    }

    var codingPath: [any CodingKey] { path }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    // MARK: Decoder

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        try container(keyedBy: type, at: current)
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        try unkeyedContainer(at: current)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer { self }

    func container<Key: CodingKey>(keyedBy type: Key.Type, at index: Int) throws -> KeyedDecodingContainer<Key> {
        guard tape.entries[index].kind == .object else { throw mismatch([String: Any].self, at: index) }
        return KeyedDecodingContainer(TapeKeyedContainer<Key>(decoder: self, object: index, depth: path.count))
    }

    func unkeyedContainer(at index: Int) throws -> any UnkeyedDecodingContainer {
        guard tape.entries[index].kind == .array else { throw mismatch([Any].self, at: index) }
        return TapeUnkeyedContainer(decoder: self, array: index, depth: path.count)
    }

    // MARK: Values

    /// Decodes the value at `index`, with `key` (if any) on the coding path meanwhile.
    func decodeValue<T: Decodable>(_ type: T.Type, at index: Int, key: (any CodingKey)? = nil) throws -> T {
        // The types Foundation reads from scalars without asking their Decodable conformance. The casts
        // cannot fail (the type was just compared); a failed one would only hand the body to Foundation.
        func scalar(_ value: some Any) throws -> T {
            guard let value = value as? T else { throw Unsupported() }
            return value
        }
        if T.self == String.self { return try scalar(try string(at: index)) }
        if T.self == Int.self { return try scalar(try integer(Int.self, at: index)) }
        if T.self == Bool.self { return try scalar(try bool(at: index)) }
        if T.self == Double.self { return try scalar(try double(at: index)) }
        if T.self == Int64.self { return try scalar(try integer(Int64.self, at: index)) }
        if T.self == URL.self {
            guard let url = URL(string: try string(at: index)) else { throw Unsupported() }
            return try scalar(url)
        }
        // Foundation decodes these by its own strategies; it keeps them.
        if T.self == Data.self || T.self == Decimal.self || T.self == Float.self { throw Unsupported() }
        let saved = current
        current = index
        if let key { path.append(key) }
        defer {
            current = saved
            if key != nil { path.removeLast() }
        }
        return try T(from: self)
    }

    func isNull(_ index: Int) -> Bool { tape.entries[index].kind == .null }

    func string(at index: Int) throws -> String {
        let entry = tape.entries[index]
        guard entry.kind == .string else { throw mismatch(String.self, at: index) }
        let raw = UnsafeRawBufferPointer(rebasing: bytes[Int(entry.start)..<Int(entry.end)])
        guard entry.flags & JSONTape.escaped != 0 else {
            // Non-ASCII strings were validated as UTF-8 when scanned.
            return String(decoding: raw, as: UTF8.self)
        }
        return try Self.unescape(raw)
    }

    func bool(at index: Int) throws -> Bool {
        switch tape.entries[index].kind {
        case .true: return true
        case .false: return false
        default: throw mismatch(Bool.self, at: index)
        }
    }

    func double(at index: Int) throws -> Double {
        let entry = tape.entries[index]
        guard entry.kind == .number else { throw mismatch(Double.self, at: index) }
        // Foundation reads exponents its own way (it refuses `0e3` and `-0.0E-2` but takes `0E0`): they are
        // its call. Plain decimals it reads as `Double(_:)` does.
        guard entry.flags & JSONTape.exponent == 0, let value = Double(numberText(entry)), value.isFinite else {
            throw Unsupported()
        }
        return value
    }

    func integer<I: FixedWidthInteger>(_ type: I.Type, at index: Int) throws -> I {
        let entry = tape.entries[index]
        guard entry.kind == .number else { throw mismatch(I.self, at: index) }
        // `1.0` and `1e2` are integers to Foundation, with quirks (`1e-400` is 0, `-1e-2` an error): its call.
        guard entry.flags & JSONTape.integer != 0 else { throw Unsupported() }
        let digits = UnsafeRawBufferPointer(rebasing: bytes[Int(entry.start)..<Int(entry.end)])
        var position = 0
        let negative = digits[0] == UInt8(ascii: "-")
        if negative { position = 1 }
        var value: I = 0
        while position < digits.count {
            let digit = I(digits[position] &- UInt8(ascii: "0"))
            let (shifted, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (next, overflow2) =
                negative ? shifted.subtractingReportingOverflow(digit) : shifted.addingReportingOverflow(digit)
            guard !overflow1, !overflow2 else { throw Unsupported() }
            value = next
            position += 1
        }
        return value
    }

    private func numberText(_ entry: JSONTape.Entry) -> String {
        String(decoding: UnsafeRawBufferPointer(rebasing: bytes[Int(entry.start)..<Int(entry.end)]), as: UTF8.self)
    }

    /// A string with escapes, unescaped; a lone surrogate is refused (so is it by Foundation).
    static func unescape(_ raw: UnsafeRawBufferPointer) throws -> String {
        var output: [UInt8] = []
        output.reserveCapacity(raw.count)
        var position = 0
        func hex4(_ at: Int) -> UInt32 {
            (0..<4).reduce(0) { $0 << 4 | (JSONTape.hexValue(raw[at + $1]) ?? 0) }
        }
        while position < raw.count {
            let byte = raw[position]
            guard byte == UInt8(ascii: "\\") else {
                output.append(byte)
                position += 1
                continue
            }
            let escape = raw[position + 1]
            position += 2
            switch escape {
            case UInt8(ascii: "b"): output.append(0x08)
            case UInt8(ascii: "f"): output.append(0x0C)
            case UInt8(ascii: "n"): output.append(0x0A)
            case UInt8(ascii: "r"): output.append(0x0D)
            case UInt8(ascii: "t"): output.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = hex4(position)
                position += 4
                if (0xD800...0xDBFF).contains(scalar) {
                    guard position + 6 <= raw.count, raw[position] == UInt8(ascii: "\\"),
                        raw[position + 1] == UInt8(ascii: "u")
                    else { throw Unsupported() }
                    let low = hex4(position + 2)
                    guard (0xDC00...0xDFFF).contains(low) else { throw Unsupported() }
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    position += 6
                }
                guard let unicode = Unicode.Scalar(scalar), let encoded = UTF8.encode(unicode) else {
                    throw Unsupported()
                }
                output.append(contentsOf: encoded)
            default: output.append(escape)  // `"`, `\` and `/` stand for themselves
            }
        }
        guard let string = String(validating: output, as: UTF8.self) else { throw Unsupported() }
        return string
    }

    // MARK: SingleValueDecodingContainer

    func decodeNil() -> Bool { isNull(current) }
    func decode(_ type: Bool.Type) throws -> Bool { try bool(at: current) }
    func decode(_ type: String.Type) throws -> String { try string(at: current) }
    func decode(_ type: Double.Type) throws -> Double { try double(at: current) }
    func decode(_ type: Float.Type) throws -> Float { throw Unsupported() }
    func decode(_ type: Int.Type) throws -> Int { try integer(type, at: current) }
    func decode(_ type: Int8.Type) throws -> Int8 { try integer(type, at: current) }
    func decode(_ type: Int16.Type) throws -> Int16 { try integer(type, at: current) }
    func decode(_ type: Int32.Type) throws -> Int32 { try integer(type, at: current) }
    func decode(_ type: Int64.Type) throws -> Int64 { try integer(type, at: current) }
    func decode(_ type: UInt.Type) throws -> UInt { try integer(type, at: current) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try integer(type, at: current) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try integer(type, at: current) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try integer(type, at: current) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try integer(type, at: current) }
    func decode<T: Decodable>(_ type: T.Type) throws -> T { try decodeValue(type, at: current) }

    // MARK: Errors

    /// What the value at `index` is not; only a model's `try?` ever sees it.
    func mismatch(_ type: Any.Type, at index: Int) -> DecodingError {
        if isNull(index) {
            return .valueNotFound(type, .init(codingPath: path, debugDescription: "found null"))
        }
        return .typeMismatch(type, .init(codingPath: path, debugDescription: "found another type"))
    }

    /// A case this decoder leaves to Foundation.
    struct Unsupported: Error {}
}

extension DecodingError {
    /// The case of the error without its details: what two decoders of the same bytes can be compared on
    /// (which failing key Foundation reports first follows dictionary order, which differs between runs).
    package static func kind(of error: any Error) -> String {
        guard let error = error as? DecodingError else { return "\(type(of: error))" }
        switch error {
        case .typeMismatch: return "typeMismatch"
        case .valueNotFound: return "valueNotFound"
        case .keyNotFound: return "keyNotFound"
        case .dataCorrupted: return "dataCorrupted"
        @unknown default: return "DecodingError"
        }
    }
}

/// An index in an array, on the coding path.
struct TapeIndexKey: CodingKey {
    let intValue: Int?
    var stringValue: String { "Index \(intValue ?? 0)" }
    init(_ index: Int) { intValue = index }
    init?(stringValue: String) { nil }
    init?(intValue: Int) { self.intValue = intValue }
}

/// An object's members, found by comparing key bytes; the first of duplicate keys counts, as in Foundation.
struct TapeKeyedContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let decoder: TapeDecoder
    let object: Int
    let depth: Int
    /// Objects with more members than this are searched through a dictionary built on first use.
    static var linearLimit: Int { 24 }
    private let index: MemberIndex?

    init(decoder: TapeDecoder, object: Int, depth: Int) {
        self.decoder = decoder
        self.object = object
        self.depth = depth
        index = decoder.tape.entries[object].start > Self.linearLimit ? MemberIndex() : nil
    }

    var codingPath: [any CodingKey] { Array(decoder.path.prefix(depth)) }

    /// Key entry indexes of the members, in order.
    private func forEachMember(_ body: (_ key: Int, _ value: Int) throws -> Bool) rethrows {
        let end = Int(decoder.tape.entries[object].end)
        var key = object + 1
        while key < end {
            if try !body(key, key + 1) { return }
            key = decoder.tape.next(after: key + 1)
        }
    }

    /// The entry of the value under `key`, or nil.
    func find(_ key: Key) -> Int? {
        let name = key.stringValue
        if let index { return index.lookup(name, in: self) }
        var found: Int?
        var wantedName = name
        wantedName.withUTF8 { wanted in
            forEachMember { keyIndex, value in
                if matches(keyIndex, wanted) {
                    found = value
                    return false
                }
                return true
            }
        }
        return found
    }

    func matches(_ keyIndex: Int, _ wanted: UnsafeBufferPointer<UInt8>) -> Bool {
        let entry = decoder.tape.entries[keyIndex]
        if entry.flags & JSONTape.escaped != 0 {
            let raw = UnsafeRawBufferPointer(rebasing: decoder.bytes[Int(entry.start)..<Int(entry.end)])
            guard var text = try? TapeDecoder.unescape(raw) else { return false }
            return text.withUTF8 { $0.elementsEqual(wanted) }
        }
        let length = Int(entry.end - entry.start)
        guard length == wanted.count else { return false }
        guard length > 0 else { return true }
        return memcmp(decoder.bytes.baseAddress! + Int(entry.start), wanted.baseAddress!, length) == 0
    }

    /// Key text of a member (for `allKeys` and the index).
    func keyText(_ keyIndex: Int) -> String? {
        try? decoder.string(at: keyIndex)
    }

    final class MemberIndex {
        private var values: [String: Int]?

        func lookup(_ name: String, in container: TapeKeyedContainer) -> Int? {
            if values == nil {
                var built: [String: Int] = [:]
                container.forEachMember { key, value in
                    if let text = container.keyText(key), built[text] == nil { built[text] = value }
                    return true
                }
                values = built
            }
            return values?[name]
        }
    }

    var allKeys: [Key] {
        var seen: Set<String> = []
        var keys: [Key] = []
        forEachMember { keyIndex, _ in
            if let text = keyText(keyIndex), seen.insert(text).inserted, let key = Key(stringValue: text) {
                keys.append(key)
            }
            return true
        }
        return keys
    }

    func contains(_ key: Key) -> Bool { find(key) != nil }

    private func value(_ key: Key) throws -> Int {
        guard let index = find(key) else {
            throw DecodingError.keyNotFound(key, .init(codingPath: codingPath, debugDescription: "missing"))
        }
        return index
    }

    /// The value under `key` unless it is missing or null.
    private func presentValue(_ key: Key) -> Int? {
        guard let index = find(key), !decoder.isNull(index) else { return nil }
        return index
    }

    func decodeNil(forKey key: Key) throws -> Bool { decoder.isNull(try value(key)) }

    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try decoder.bool(at: try value(key)) }
    func decode(_ type: String.Type, forKey key: Key) throws -> String { try decoder.string(at: try value(key)) }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try decoder.double(at: try value(key)) }
    func decode(_ type: Float.Type, forKey key: Key) throws -> Float { throw TapeDecoder.Unsupported() }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try decoder.integer(type, at: try value(key)) }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try decoder.integer(type, at: try value(key)) }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try decoder.integer(type, at: try value(key)) }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try decoder.integer(type, at: try value(key)) }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try decoder.integer(type, at: try value(key)) }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try decoder.integer(type, at: try value(key)) }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try decoder.integer(type, at: try value(key)) }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 {
        try decoder.integer(type, at: try value(key))
    }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 {
        try decoder.integer(type, at: try value(key))
    }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 {
        try decoder.integer(type, at: try value(key))
    }
    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        try decoder.decodeValue(type, at: try value(key), key: key)
    }

    // One lookup each, where the protocol's defaults make three (contains, decodeNil, decode).
    func decodeIfPresent(_ type: Bool.Type, forKey key: Key) throws -> Bool? {
        try presentValue(key).map { try decoder.bool(at: $0) }
    }
    func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? {
        try presentValue(key).map { try decoder.string(at: $0) }
    }
    func decodeIfPresent(_ type: Double.Type, forKey key: Key) throws -> Double? {
        try presentValue(key).map { try decoder.double(at: $0) }
    }
    func decodeIfPresent(_ type: Int.Type, forKey key: Key) throws -> Int? {
        try presentValue(key).map { try decoder.integer(type, at: $0) }
    }
    func decodeIfPresent(_ type: Int64.Type, forKey key: Key) throws -> Int64? {
        try presentValue(key).map { try decoder.integer(type, at: $0) }
    }
    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
        try presentValue(key).map { try decoder.decodeValue(type, at: $0, key: key) }
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws
        -> KeyedDecodingContainer<NestedKey>
    {
        let index = try value(key)
        guard decoder.tape.entries[index].kind == .object else { throw decoder.mismatch([String: Any].self, at: index) }
        // Its coding path leaves out the key: paths serve only errors, and errors go to Foundation.
        return KeyedDecodingContainer(TapeKeyedContainer<NestedKey>(decoder: decoder, object: index, depth: depth))
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        let index = try value(key)
        guard decoder.tape.entries[index].kind == .array else { throw decoder.mismatch([Any].self, at: index) }
        return TapeUnkeyedContainer(decoder: decoder, array: index, depth: depth)
    }

    func superDecoder() throws -> any Decoder { throw TapeDecoder.Unsupported() }
    func superDecoder(forKey key: Key) throws -> any Decoder { throw TapeDecoder.Unsupported() }
}

/// An array's elements, in order.
struct TapeUnkeyedContainer: UnkeyedDecodingContainer {
    let decoder: TapeDecoder
    let depth: Int
    private let end: Int
    /// The entry of the next element.
    private var next: Int
    private(set) var currentIndex = 0
    let count: Int?

    init(decoder: TapeDecoder, array: Int, depth: Int) {
        self.decoder = decoder
        self.depth = depth
        let entry = decoder.tape.entries[array]
        end = Int(entry.end)
        next = array + 1
        count = Int(entry.start)
    }

    var codingPath: [any CodingKey] { Array(decoder.path.prefix(depth)) }
    var isAtEnd: Bool { next >= end }

    /// The next element's entry; the cursor moves past it only when `body` succeeds.
    private mutating func element<T>(_ body: (TapeDecoder, Int) throws -> T) throws -> T {
        guard !isAtEnd else {
            throw DecodingError.valueNotFound(
                T.self, .init(codingPath: codingPath, debugDescription: "Unkeyed container is at end."))
        }
        let value = try body(decoder, next)
        next = decoder.tape.next(after: next)
        currentIndex += 1
        return value
    }

    mutating func decodeNil() throws -> Bool {
        guard !isAtEnd else { throw TapeDecoder.Unsupported() }
        guard decoder.isNull(next) else { return false }
        next += 1
        currentIndex += 1
        return true
    }

    mutating func decode(_ type: Bool.Type) throws -> Bool { try element { try $0.bool(at: $1) } }
    mutating func decode(_ type: String.Type) throws -> String { try element { try $0.string(at: $1) } }
    mutating func decode(_ type: Double.Type) throws -> Double { try element { try $0.double(at: $1) } }
    mutating func decode(_ type: Float.Type) throws -> Float { throw TapeDecoder.Unsupported() }
    mutating func decode(_ type: Int.Type) throws -> Int { try element { try $0.integer(type, at: $1) } }
    mutating func decode(_ type: Int8.Type) throws -> Int8 { try element { try $0.integer(type, at: $1) } }
    mutating func decode(_ type: Int16.Type) throws -> Int16 { try element { try $0.integer(type, at: $1) } }
    mutating func decode(_ type: Int32.Type) throws -> Int32 { try element { try $0.integer(type, at: $1) } }
    mutating func decode(_ type: Int64.Type) throws -> Int64 { try element { try $0.integer(type, at: $1) } }
    mutating func decode(_ type: UInt.Type) throws -> UInt { try element { try $0.integer(type, at: $1) } }
    mutating func decode(_ type: UInt8.Type) throws -> UInt8 { try element { try $0.integer(type, at: $1) } }
    mutating func decode(_ type: UInt16.Type) throws -> UInt16 { try element { try $0.integer(type, at: $1) } }
    mutating func decode(_ type: UInt32.Type) throws -> UInt32 { try element { try $0.integer(type, at: $1) } }
    mutating func decode(_ type: UInt64.Type) throws -> UInt64 { try element { try $0.integer(type, at: $1) } }
    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
        let key = TapeIndexKey(currentIndex)
        return try element { try $0.decodeValue(type, at: $1, key: key) }
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws
        -> KeyedDecodingContainer<NestedKey>
    {
        try element { try $0.container(keyedBy: type, at: $1) }
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        try element { try $0.unkeyedContainer(at: $1) }
    }

    mutating func superDecoder() throws -> any Decoder { throw TapeDecoder.Unsupported() }
}
