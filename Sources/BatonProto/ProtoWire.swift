/// A forward-only reader of protobuf wire format: the fields of one message, in the order stored.
///
/// For code that copies or prints stored records without decoding them into messages (a grant's
/// embedded entitlement is the same bytes on thousands of rows). It checks framing only: lengths stay
/// inside the buffer and tags are well formed; what a payload means is the caller's business.
package struct ProtoWireReader {
    /// One field as stored.
    package struct Field {
        package let number: Int
        /// 0 varint, 1 fixed 64-bit, 2 length-delimited, 5 fixed 32-bit.
        package let wireType: Int
        /// The varint's value (wire type 0); 0 otherwise.
        package let varint: UInt64
        /// Where the payload of a length-delimited field lies in the buffer (empty otherwise).
        package let payload: Range<Int>
    }

    /// The buffer does not hold a well-formed message.
    package struct Malformed: Error {}

    private let buffer: UnsafeRawBufferPointer
    package private(set) var offset: Int
    private let end: Int

    /// Reads `range` of `buffer` (all of it when nil).
    package init(_ buffer: UnsafeRawBufferPointer, range: Range<Int>? = nil) {
        self.buffer = buffer
        self.offset = range?.lowerBound ?? 0
        self.end = range?.upperBound ?? buffer.count
    }

    /// The next field, or nil at the end of the message.
    package mutating func next() throws(Malformed) -> Field? {
        guard offset < end else { return nil }
        let tag = try readVarint()
        let number = Int(truncatingIfNeeded: tag >> 3)
        let wireType = Int(tag & 7)
        guard number > 0 else { throw Malformed() }
        switch wireType {
        case 0:
            return Field(number: number, wireType: 0, varint: try readVarint(), payload: offset..<offset)
        case 1, 5:
            let size = wireType == 1 ? 8 : 4
            guard end - offset >= size else { throw Malformed() }
            offset += size
            return Field(number: number, wireType: wireType, varint: 0, payload: offset..<offset)
        case 2:
            let length = try readVarint()
            guard length <= UInt64(end - offset) else { throw Malformed() }
            let start = offset
            offset += Int(length)
            return Field(number: number, wireType: 2, varint: 0, payload: start..<offset)
        default:
            // Groups (3, 4) are not used by any record this SDK stores.
            throw Malformed()
        }
    }

    private mutating func readVarint() throws(Malformed) -> UInt64 {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while offset < end, shift < 64 {
            let byte = buffer[offset]
            offset += 1
            value |= UInt64(byte & 0x7F) << shift
            if byte & 0x80 == 0 { return value }
            shift += 7
        }
        throw Malformed()
    }
}
