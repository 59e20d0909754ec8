// The store's API is made of the generated protobuf messages (Resource, Grant, SyncStats, ...);
// re-exporting them lets clients that depend on BatonStore use those types without a separate import.
@_exported public import BatonProto
