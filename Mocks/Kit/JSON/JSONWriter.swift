/// A fast, append-only JSON writer that keeps keys in the order they are written.
///
/// Mocks render every response with it: there is no intermediate model, so a service's JSON keys
/// are spelled out exactly once, next to the route that serves them. Commas are inserted
/// automatically between members and elements.
///
/// ```swift
/// var json = JSONWriter()
/// json.object {
///     $0.field("id", "00u1")
///     $0.field("status", "ACTIVE")
/// }
/// ```
public struct JSONWriter: Sendable {
    /// The UTF-8 bytes written so far.
    public private(set) var bytes: [UInt8]
    /// For each open container: whether an element was already written (so the next needs a comma).
    private var hasElement: [Bool] = []
    /// Set after a key: the value that follows needs no comma.
    private var afterKey = false

    /// Creates an empty writer with room for `capacity` bytes.
    public init(capacity: Int = 512) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    // MARK: Containers

    /// Opens an object (`{`).
    public mutating func beginObject() {
        prepareValue()
        bytes.append(UInt8(ascii: "{"))
        hasElement.append(false)
    }

    /// Closes the innermost object (`}`).
    public mutating func endObject() {
        hasElement.removeLast()
        bytes.append(UInt8(ascii: "}"))
    }

    /// Opens an array (`[`).
    public mutating func beginArray() {
        prepareValue()
        bytes.append(UInt8(ascii: "["))
        hasElement.append(false)
    }

    /// Closes the innermost array (`]`).
    public mutating func endArray() {
        hasElement.removeLast()
        bytes.append(UInt8(ascii: "]"))
    }

    /// Writes an object whose members `body` writes.
    public mutating func object(_ body: (inout JSONWriter) -> Void) {
        beginObject()
        body(&self)
        endObject()
    }

    /// Writes an array whose elements `body` writes.
    public mutating func array(_ body: (inout JSONWriter) -> Void) {
        beginArray()
        body(&self)
        endArray()
    }

    /// Writes `"key":` inside an object; the next value written belongs to it.
    public mutating func key(_ key: String) {
        prepareValue()
        appendQuoted(key)
        bytes.append(UInt8(ascii: ":"))
        afterKey = true
    }

    // MARK: Scalars

    /// Writes a string value, escaped.
    public mutating func string(_ value: String) {
        prepareValue()
        appendQuoted(value)
    }

    /// Writes an integer value.
    public mutating func int<I: BinaryInteger>(_ value: I) {
        prepareValue()
        appendDecimal(Int64(value))
    }

    /// Writes a floating-point value (integral values without a fraction).
    public mutating func double(_ value: Double) {
        prepareValue()
        if value.isFinite, value == value.rounded(), abs(value) < 1e15 {
            appendDecimal(Int64(value))
        } else if value.isFinite {
            bytes.append(contentsOf: "\(value)".utf8)
        } else {
            bytes.append(contentsOf: "null".utf8)
        }
    }

    /// Writes `true` or `false`.
    public mutating func bool(_ value: Bool) {
        prepareValue()
        bytes.append(contentsOf: value ? "true".utf8 : "false".utf8)
    }

    /// Writes `null`.
    public mutating func null() {
        prepareValue()
        bytes.append(contentsOf: "null".utf8)
    }

    /// Writes already-encoded JSON as one value (the caller vouches that it is valid JSON).
    public mutating func rawValue(_ json: some Sequence<UInt8>) {
        prepareValue()
        bytes.append(contentsOf: json)
    }

    /// Appends bytes verbatim, with no comma handling (for splicing pre-encoded fragments).
    public mutating func appendRaw(_ fragment: some Sequence<UInt8>) {
        bytes.append(contentsOf: fragment)
    }

    // MARK: Members

    /// Writes `"key": "value"`, or `"key": null` when `value` is nil.
    public mutating func field(_ key: String, _ value: String?) {
        self.key(key)
        if let value { string(value) } else { null() }
    }

    /// Writes `"key": value`.
    public mutating func field(_ key: String, _ value: Int) {
        self.key(key)
        int(value)
    }

    /// Writes `"key": true|false`.
    public mutating func field(_ key: String, _ value: Bool) {
        self.key(key)
        bool(value)
    }

    /// Writes `"key": {"href": "…"}`, the link shape used by Okta and HAL-style APIs.
    public mutating func link(_ key: String, href: String) {
        self.key(key)
        object { $0.field("href", href) }
    }

    // MARK: Internals

    private mutating func prepareValue() {
        if afterKey {
            afterKey = false
            return
        }
        guard let last = hasElement.indices.last else { return }
        if hasElement[last] {
            bytes.append(UInt8(ascii: ","))
        } else {
            hasElement[last] = true
        }
    }

    private mutating func appendDecimal(_ value: Int64) {
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        let start = bytes.count
        repeat {
            bytes.append(UInt8(ascii: "0") + UInt8(magnitude % 10))
            magnitude /= 10
        } while magnitude > 0
        bytes[start...].reverse()
    }

    private mutating func appendQuoted(_ value: String) {
        bytes.append(UInt8(ascii: "\""))
        var value = value
        value.withUTF8 { utf8 in
            var runStart = 0
            for index in 0..<utf8.count {
                let byte = utf8[index]
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
                if runStart < index {
                    bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index]))
                }
                appendEscape(byte)
                runStart = index + 1
            }
            if runStart < utf8.count {
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<utf8.count]))
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    private mutating func appendEscape(_ byte: UInt8) {
        bytes.append(UInt8(ascii: "\\"))
        switch byte {
        case UInt8(ascii: "\""): bytes.append(UInt8(ascii: "\""))
        case UInt8(ascii: "\\"): bytes.append(UInt8(ascii: "\\"))
        case 0x0A: bytes.append(UInt8(ascii: "n"))
        case 0x0D: bytes.append(UInt8(ascii: "r"))
        case 0x09: bytes.append(UInt8(ascii: "t"))
        case 0x08: bytes.append(UInt8(ascii: "b"))
        case 0x0C: bytes.append(UInt8(ascii: "f"))
        default:
            let hex: [UInt8] = Array("0123456789abcdef".utf8)
            bytes.append(contentsOf: [
                UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"),
                hex[Int(byte >> 4)], hex[Int(byte & 0x0F)],
            ])
        }
    }
}
