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
