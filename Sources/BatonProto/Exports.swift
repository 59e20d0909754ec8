// Clients of BatonProto work with SwiftProtobuf types (Message, Google_Protobuf_Any, Struct,
// Timestamp) on every call; re-exporting spares each of them a separate import.
@_exported public import SwiftProtobuf
