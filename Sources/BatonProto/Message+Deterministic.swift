public import Foundation
public import SwiftProtobuf

extension SwiftProtobuf.Message {
    /// The binary encoding with map entries sorted by key, so equal messages always give equal bytes.
    ///
    /// Everything the SDK stores (c1z rows, checkpoints, digests) is encoded this way; plain
    /// `serializedData()` writes map entries in hash order, which differs between runs.
    ///
    /// - Throws: `BinaryEncodingError` when the message cannot be encoded (e.g. an `Any` holding
    ///   invalid JSON-decoded contents).
    public func deterministicData() throws -> Data {
        var options = BinaryEncodingOptions()
        options.useDeterministicOrdering = true
        return try serializedData(options: options)
    }
}

extension Google_Protobuf_Any {
    /// An `Any` whose payload is already encoded deterministically.
    ///
    /// `Google_Protobuf_Any(message:)` keeps the message and encodes it later without the
    /// deterministic option, so a payload with map fields (a trait's profile `Struct`) would give
    /// different bytes on every run. Every annotation the SDK builds goes through this initializer.
    public init(deterministic message: some SwiftProtobuf.Message) throws {
        self.init()
        typeURL = "type.googleapis.com/" + type(of: message).protoMessageName
        value = try message.deterministicData()
    }

    /// Same, for an existential message.
    public init(deterministicMessage message: any SwiftProtobuf.Message) throws {
        try self.init(deterministic: message)
    }
}
