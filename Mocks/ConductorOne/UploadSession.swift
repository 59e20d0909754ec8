import BatonProto
import Crypto
import Foundation
import NIOCore
import Synchronization

/// One `UploadAsset` stream: `metadata` first (a handed-out task), then `data` chunks of 1..1 MiB, then one `eof`
/// whose SHA-256 must match the bytes. The bytes go to a temporary file under `uploads/`, renamed into place only
/// when the stream was entirely valid.
struct UploadSession {
    enum Phase {
        case metadata
        case data
        case done
    }

    static let maxChunkBytes = 1_048_576

    let state: ConductorOneState
    let directory: String
    /// When set, the call fails with Unavailable after the first `data` chunk (the `--fail-upload-attempts` knob).
    let injectFailure: Bool
    private(set) var phase = Phase.metadata
    private(set) var taskID = ""
    private var hasher = SHA256()
    private var chunkSizes: [Int] = []
    private var size = 0
    private var file: FileHandle?
    private var temporaryPath: String?
    private var checksumHex = ""

    init(state: ConductorOneState, directory: String, injectFailure: Bool) {
        self.state = state
        self.directory = directory
        self.injectFailure = injectFailure
    }

    mutating func consume(_ message: ByteBuffer) throws(GRPCFailure) {
        let request: C1_Connectorapi_Baton_V1_BatonServiceUploadAssetRequest
        do {
            request = try .init(serializedBytes: Array(message.readableBytesView))
        } catch {
            throw .internal("grpc: error unmarshalling request")
        }
        guard phase != .done else { throw .invalidArgument("no message may follow eof") }
        switch request.msg {
        case nil:
            throw .invalidArgument("msg is required (metadata, data or eof)")
        case .metadata(let metadata)?:
            guard phase == .metadata else { throw .invalidArgument("metadata must come first, and only once") }
            try BatonServiceHandlers.checkHostID(metadata.hostID)
            try BatonServiceHandlers.checkTaskID(metadata.taskID)
            let known = state.inner.withLock { $0.handedOut[metadata.taskID] != nil }
            guard known else { throw .invalidArgument("task \(metadata.taskID) was never handed out") }
            taskID = metadata.taskID
            try open()
            phase = .data
        case .data(let data)?:
            guard phase == .data else { throw .invalidArgument("data before metadata") }
            guard (1...Self.maxChunkBytes).contains(data.data.count) else {
                throw .invalidArgument("a data chunk must be 1..1048576 bytes (got \(data.data.count))")
            }
            chunkSizes.append(data.data.count)
            size += data.data.count
            hasher.update(data: data.data)
            do {
                try file?.write(contentsOf: data.data)
            } catch {
                throw .internal("cannot store the upload")
            }
            if injectFailure { throw .unavailable("injected upload failure (--fail-upload-attempts)") }
        case .eof(let eof)?:
            guard phase == .data else { throw .invalidArgument("eof before metadata") }
            guard eof.sha256Checksum.count == 32 else {
                throw .invalidArgument("eof.sha256_checksum must be 32 bytes (got \(eof.sha256Checksum.count))")
            }
            let digest = Array(hasher.finalize())
            guard digest == Array(eof.sha256Checksum) else {
                throw .dataLoss("the sha256 checksum does not match the data received")
            }
            checksumHex = digest.map { String(format: "%02x", $0) }.joined()
            phase = .done
        }
    }

    /// Moves the complete upload into place and records it.
    mutating func finish() throws(GRPCFailure) -> UploadedAsset {
        guard phase == .done else {
            throw .invalidArgument(
                phase == .metadata ? "the stream ended before metadata" : "the stream ended before eof")
        }
        guard let temporaryPath, let file else { throw .internal("cannot store the upload") }
        do {
            try file.synchronize()
            try file.close()
        } catch {
            throw .internal("cannot store the upload")
        }
        self.file = nil
        let taskID = taskID
        let number = state.inner.withLock { inner in
            inner.uploadCounts[taskID, default: 0] += 1
            return inner.uploadCounts[taskID, default: 1]
        }
        let name = number == 1 ? "\(taskID).c1z" : "\(taskID).\(number).asset"
        let path = (directory as NSString).appendingPathComponent(name)
        if rename(temporaryPath, path) != 0 { throw .internal("cannot store the upload") }
        self.temporaryPath = nil
        return UploadedAsset(
            taskID: taskID, path: path, size: size, sha256: checksumHex, chunkSizes: chunkSizes)
    }

    /// Removes a partial upload.
    mutating func discard() {
        try? file?.close()
        file = nil
        if let temporaryPath { unlink(temporaryPath) }
        temporaryPath = nil
    }

    private mutating func open() throws(GRPCFailure) {
        let path = (directory as NSString).appendingPathComponent(".upload-\(UUID().uuidString).tmp")
        guard FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600]),
            let handle = FileHandle(forWritingAtPath: path)
        else { throw .internal("cannot store the upload") }
        file = handle
        temporaryPath = path
    }
}
