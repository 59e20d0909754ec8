import BatonProto
import BatonStore
import Foundation

/// Prints stored grants as protobuf JSON straight from their bytes, text for text what
/// ``ProtoJSON/string(_:)`` prints for the decoded grant.
///
/// A grant is mostly parts that repeat: the embedded entitlement (the same bytes on every grant of
/// it), the principal (the same on every grant to it) and annotations of few kinds. Each part's JSON is
/// printed once by SwiftProtobuf and then reused by its bytes; only the grant's own id and its
/// `V1Identifier`-like annotations, different on every row, are escaped here. A grant whose bytes
/// have any other shape (a field repeated, an unexpected wire type, a part that does not decode) is
/// decoded and printed the ordinary way, so its output (or error) is exactly what it was.
struct GrantJSONPrinter {
    /// The records a printed grant refers to.
    struct References {
        var entitlementID: String
        var resource: C1_Connector_V2_ResourceId
        var principal: C1_Connector_V2_ResourceId
    }

    private struct EntitlementPart {
        let json: [UInt8]
        let id: String
        let resource: C1_Connector_V2_ResourceId
    }

    private struct PrincipalPart {
        let json: [UInt8]
        let id: C1_Connector_V2_ResourceId
    }

    /// Identifier-like annotations are printed with their field, which SwiftProtobuf does only for
    /// registered types: registering them first keeps both ways of printing the same.
    init() {
        BatonProtoRegistry.registerAll()
    }

    private var entitlements = BytesCache<EntitlementPart>(capacity: 20_000)
    private var principals = BytesCache<PrincipalPart>(capacity: 200_000)
    private var annotations = BytesCache<[UInt8]>(capacity: 20_000)

    /// Grant fields (c1.connector.v2.Grant).
    private enum Field {
        static let entitlement = 1
        static let principal = 2
        static let id = 3
        static let annotations = 4
        static let sources = 5
    }

    /// Appends the JSON of the grant stored as `bytes` to `out`.
    mutating func append(_ bytes: ArraySlice<UInt8>, to out: inout [UInt8]) throws -> References {
        let start = out.count
        if let references = try bytes.withUnsafeBytes({ try appendDirectly($0, to: &out) }) {
            return references
        }
        out.removeSubrange(start...)
        let grant = try C1ZStore.decodeGrant(bytes)
        out.append(contentsOf: try ProtoJSON.string(grant).utf8)
        return References(
            entitlementID: grant.entitlement.id, resource: grant.entitlement.resource.id, principal: grant.principal.id)
    }

    /// The fast path; nil (with `out` partly written) when the grant must be decoded instead.
    private mutating func appendDirectly(_ buffer: UnsafeRawBufferPointer, to out: inout [UInt8]) throws
        -> References?
    {
        var entitlement: Range<Int>?
        var principal: Range<Int>?
        var id: Range<Int>?
        var sources: Range<Int>?
        var annotationRanges: [Range<Int>] = []
        var reader = ProtoWireReader(buffer)
        do {
            while let field = try reader.next() {
                switch field.number {
                case Field.entitlement:
                    guard field.wireType == 2, entitlement == nil else { return nil }
                    entitlement = field.payload
                case Field.principal:
                    guard field.wireType == 2, principal == nil else { return nil }
                    principal = field.payload
                case Field.id:
                    guard field.wireType == 2, id == nil else { return nil }
                    id = field.payload
                case Field.annotations:
                    guard field.wireType == 2 else { return nil }
                    annotationRanges.append(field.payload)
                case Field.sources:
                    guard field.wireType == 2, sources == nil else { return nil }
                    sources = field.payload
                default:
                    continue  // unknown fields are dropped, as the decoding reader drops them
                }
            }
        } catch {
            return nil
        }
        // listGrantBytes fills in both; a grant without them prints the ordinary way.
        guard let entitlement, let principal else { return nil }
        guard let entitlementPart = try? entitlementPart(buffer, entitlement),
            let principalPart = try? principalPart(buffer, principal)
        else { return nil }

        out.append(contentsOf: #"{"entitlement":"#.utf8)
        out.append(contentsOf: entitlementPart.json)
        out.append(contentsOf: #","principal":"#.utf8)
        out.append(contentsOf: principalPart.json)
        if let id, !id.isEmpty {
            out.append(contentsOf: #","id":"#.utf8)
            guard ProtoJSONText.appendString(buffer[id], to: &out) else { return nil }
        }
        if !annotationRanges.isEmpty {
            out.append(contentsOf: #","annotations":["#.utf8)
            for (index, range) in annotationRanges.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                guard (try? appendAnnotation(buffer, range, to: &out)) == true else { return nil }
            }
            out.append(UInt8(ascii: "]"))
        }
        if let sources {
            guard
                let decoded = try? C1_Connector_V2_GrantSources(
                    serializedBytes: Array(buffer[sources]), options: Self.decodingOptions),
                let json = try? ProtoJSON.plainString(decoded)
            else { return nil }
            out.append(contentsOf: #","sources":"#.utf8)
            out.append(contentsOf: json.utf8)
        }
        out.append(UInt8(ascii: "}"))
        return References(
            entitlementID: entitlementPart.id, resource: entitlementPart.resource, principal: principalPart.id)
    }

    private mutating func entitlementPart(_ buffer: UnsafeRawBufferPointer, _ range: Range<Int>) throws
        -> EntitlementPart
    {
        try entitlements.value(for: buffer[range]) {
            let entitlement = try C1_Connector_V2_Entitlement(
                serializedBytes: Array(buffer[range]), options: Self.decodingOptions)
            return EntitlementPart(
                json: Array(try ProtoJSON.string(entitlement).utf8), id: entitlement.id,
                resource: entitlement.resource.id)
        }
    }

    /// A principal that is only its id (as connectors embed it) is printed directly: caching one part per
    /// user of a large tenant would cost more memory than printing it costs time.
    private mutating func principalPart(_ buffer: UnsafeRawBufferPointer, _ range: Range<Int>) throws
        -> PrincipalPart
    {
        if let part = ProtoJSONText.principalByID(buffer, range) {
            return PrincipalPart(json: part.json, id: part.id)
        }
        return try principals.value(for: buffer[range]) {
            let principal = try C1_Connector_V2_Resource(
                serializedBytes: Array(buffer[range]), options: Self.decodingOptions)
            return PrincipalPart(json: Array(try ProtoJSON.string(principal).utf8), id: principal.id)
        }
    }

    /// Appends one annotation: an identifier-like one (one string field) directly, any other through
    /// the cache of printed annotations. False when the annotation must be printed the ordinary way.
    private mutating func appendAnnotation(
        _ buffer: UnsafeRawBufferPointer, _ range: Range<Int>, to out: inout [UInt8]
    ) throws -> Bool {
        if ProtoJSONText.appendIdentifierAny(buffer, range, to: &out) {
            return true
        }
        let json = try annotations.value(for: buffer[range]) {
            let any = try Google_Protobuf_Any(serializedBytes: Array(buffer[range]), options: Self.decodingOptions)
            return Array(try ProtoJSON.annotationString(any).utf8)
        }
        out.append(contentsOf: json)
        return true
    }

    private static let decodingOptions: BinaryDecodingOptions = {
        var options = BinaryDecodingOptions()
        options.discardUnknownFields = true
        return options
    }()
}

/// Values by the bytes they were printed from. Bounded: when full it starts over.
///
/// The last value found is checked first, without hashing: consecutive grants usually share their
/// entitlement.
private struct BytesCache<Value> {
    private var values: [BytesKey: Value] = [:]
    private var last: (key: BytesKey, value: Value)?
    private let capacity: Int

    init(capacity: Int) {
        self.capacity = capacity
    }

    mutating func value(for bytes: Slice<UnsafeRawBufferPointer>, make: () throws -> Value) rethrows -> Value {
        if let last, last.key.equals(bytes) {
            return last.value
        }
        let key = BytesKey(bytes)
        let value: Value
        if let known = values[key] {
            value = known
        } else {
            if values.count >= capacity {
                values.removeAll(keepingCapacity: true)
            }
            value = try make()
            values[key] = value
        }
        last = (key, value)
        return value
    }
}

/// Bytes as a dictionary key, hashed and compared in one pass.
private struct BytesKey: Hashable {
    private let bytes: [UInt8]

    init(_ slice: Slice<UnsafeRawBufferPointer>) {
        bytes = Array(slice)
    }

    func equals(_ slice: Slice<UnsafeRawBufferPointer>) -> Bool {
        bytes.withUnsafeBytes { Self.equal($0, UnsafeRawBufferPointer(rebasing: slice)) }
    }

    static func == (left: BytesKey, right: BytesKey) -> Bool {
        left.bytes.withUnsafeBytes { a in right.bytes.withUnsafeBytes { b in equal(a, b) } }
    }

    private static func equal(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Bool {
        guard a.count == b.count else { return false }
        guard let first = a.baseAddress, let second = b.baseAddress else { return true }
        return memcmp(first, second, a.count) == 0
    }

    func hash(into hasher: inout Hasher) {
        bytes.withUnsafeBytes { hasher.combine(bytes: $0) }
    }
}
