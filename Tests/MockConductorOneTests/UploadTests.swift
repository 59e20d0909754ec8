import BatonProto
import BatonService
import Crypto
import Foundation
import GRPCCore
import MockConductorOne
import MockKit
import Testing

@Suite struct UploadTests {
    typealias Message = C1_Connectorapi_Baton_V1_BatonServiceUploadAssetRequest

    static func metadata(_ taskID: String) -> Message {
        var message = Message()
        message.metadata.hostID = "host-1"
        message.metadata.taskID = taskID
        return message
    }

    static func data(_ bytes: Data) -> Message {
        var message = Message()
        message.data.data = bytes
        return message
    }

    static func eof(_ checksum: Data) -> Message {
        var message = Message()
        message.eof.sha256Checksum = checksum
        return message
    }

    /// The SDK's stream: metadata, 512 KiB chunks, eof with the SHA-256.
    static func sdkStream(_ taskID: String, _ payload: Data) -> [Message] {
        var messages = [metadata(taskID)]
        var offset = 0
        while offset < payload.count {
            let end = min(offset + 524_288, payload.count)
            messages.append(data(payload[offset..<end]))
            offset = end
        }
        messages.append(eof(Data(SHA256.hash(data: payload))))
        return messages
    }

    static func upload(_ harness: ConductorOneHarness, token: String, _ messages: [Message]) async throws {
        _ = try await harness.service.uploadAsset(metadata: harness.metadata(token)) { writer in
            for message in messages { try await writer.write(message) }
        }
    }

    static let payload = Data((0..<1_300_000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) })

    @Test func anUploadIsStoredWithItsChecksumAndChunkSizes() async throws {
        try await ConductorOneHarness.with(ConductorOneMockOptions(tasks: ["sync_full"])) { harness in
            let token = try await harness.token()
            let id = try await harness.getTask(token).task.id
            try await Self.upload(harness, token: token, Self.sdkStream(id, Self.payload))

            let path = "\(harness.directory)/uploads/\(id).c1z"
            #expect(FileManager.default.contents(atPath: path) == Self.payload)
            let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
            #expect(mode == 0o600)
            let upload = try #require(harness.mock.snapshot().uploads.first)
            #expect(upload.chunkSizes == [524_288, 524_288, 1_300_000 - 2 * 524_288])
            #expect(upload.size == 1_300_000)
            let hex = SHA256.hash(data: Self.payload).map { String(format: "%02x", $0) }.joined()
            #expect(upload.sha256 == hex)
            let listed = try await harness.mockJSON("/__mock/uploads").arrayValue?.first
            #expect(listed?["sha256"]?.stringValue == hex)
            #expect(listed?["size"]?.intValue == 1_300_000)
            // No temporary file is left behind.
            let names = try FileManager.default.contentsOfDirectory(atPath: "\(harness.directory)/uploads")
            #expect(names == ["\(id).c1z"])
        }
    }

    @Test(arguments: [
        "bad checksum", "short checksum", "chunk over 1 MiB", "empty chunk", "data before metadata",
        "unknown task", "no eof", "message after eof",
    ])
    func aViolatingUploadIsRefusedAndNotStored(_ violation: String) async throws {
        try await ConductorOneHarness.with(ConductorOneMockOptions(tasks: ["sync_full"])) { harness in
            let token = try await harness.token()
            let id = try await harness.getTask(token).task.id
            var messages = Self.sdkStream(id, Self.payload)
            var expected = RPCError.Code.invalidArgument
            switch violation {
            case "bad checksum":
                messages[messages.count - 1] = Self.eof(Data(SHA256.hash(data: Data("other".utf8))))
                expected = .dataLoss
            case "short checksum":
                messages[messages.count - 1] = Self.eof(Data(repeating: 1, count: 16))
            case "chunk over 1 MiB":
                messages = [Self.metadata(id), Self.data(Data(repeating: 7, count: 1_048_577))]
            case "empty chunk":
                messages.insert(Self.data(Data()), at: 1)
            case "data before metadata":
                messages.swapAt(0, 1)
            case "unknown task":
                messages[0] = Self.metadata(String(repeating: "Q", count: 27))
            case "no eof":
                messages.removeLast()
            default:
                messages.append(Self.data(Data([1])))
            }
            let failure = await rpcFailure { try await Self.upload(harness, token: token, messages) }
            #expect(failure?.code == expected, "\(failure?.message ?? "succeeded")")
            #expect(harness.mock.snapshot().uploads.isEmpty)
            #expect(try FileManager.default.contentsOfDirectory(atPath: "\(harness.directory)/uploads").isEmpty)
        }
    }

    @Test func theFirstUploadAttemptsFailWhenAsked() async throws {
        try await ConductorOneHarness.with(ConductorOneMockOptions(tasks: ["sync_full"], failUploadAttempts: 2)) {
            harness in
            let token = try await harness.token()
            let id = try await harness.getTask(token).task.id
            let stream = Self.sdkStream(id, Self.payload)
            #expect(await rpcCode { try await Self.upload(harness, token: token, stream) } == .unavailable)
            #expect(await rpcCode { try await Self.upload(harness, token: token, stream) } == .unavailable)
            #expect(await rpcCode { try await Self.upload(harness, token: token, stream) } == nil)
            #expect(harness.mock.snapshot().uploadAttempts == 3)
            #expect(harness.mock.snapshot().uploads.count == 1)
            // A second asset for the same task (the SDK's debug.log) does not replace the first.
            try await Self.upload(harness, token: token, Self.sdkStream(id, Data("log".utf8)))
            #expect(
                harness.mock.snapshot().uploads.map { ($0.path as NSString).lastPathComponent } == [
                    "\(id).c1z", "\(id).2.asset",
                ])
        }
    }
}
