import BatonProto
import BatonService
import Foundation
import GRPCCore
import MockConductorOne
import MockKit
import Synchronization
import Testing

@Suite struct TaskFlowTests {
    @Test func helloIsRecordedAndTasksComeOutInOrderOnce() async throws {
        let options = ConductorOneMockOptions(
            tasks: ["sync_full", "delete_resource:user:u1", "hello"], pollInterval: .milliseconds(250))
        try await ConductorOneHarness.with(options) { harness in
            let token = try await harness.token()
            _ = try await harness.service.hello(ConductorOneHarness.hello(), metadata: harness.metadata(token))
            #expect(harness.mock.snapshot().hellos.map(\.hostID) == ["host-1"])

            var types: [String] = []
            var ids: [String] = []
            for _ in 0..<4 {
                let response = try await harness.getTask(token)
                #expect(response.nextPoll.seconds == 0 && response.nextPoll.nanos == 250_000_000)
                if response.hasTask {
                    types.append(TaskSpec.typeName(response.task))
                    ids.append(response.task.id)
                }
            }
            #expect(types == ["sync_full", "delete_resource"] + ["hello"])
            #expect(Set(ids).count == 3)
            #expect(
                ids.allSatisfy { $0.utf8.count == 27 && $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) } })
            #expect(harness.mock.snapshot().handedOutTaskIDs == ids)
        }
    }

    @Test(arguments: ["no metadata", "empty host", "long host", "no lang_version", "no kernel_arch", "no os_info"])
    func helloIsValidated(_ spoil: String) async throws {
        try await ConductorOneHarness.with { harness in
            let token = try await harness.token()
            var hello = ConductorOneHarness.hello()
            switch spoil {
            case "no metadata": hello.clearConnectorMetadata()
            case "empty host": hello.hostID = ""
            case "long host": hello.hostID = String(repeating: "h", count: 257)
            case "no lang_version": hello.buildInfo.langVersion = ""
            case "no kernel_arch": hello.osInfo.kernelArch = ""
            default: hello.clearOsInfo()
            }
            let failure = await rpcFailure {
                _ = try await harness.service.hello(hello, metadata: harness.metadata(token))
            }
            #expect(failure?.code == .invalidArgument)
            let field = [
                "no metadata": "connector_metadata", "empty host": "host_id", "long host": "host_id",
                "no lang_version": "lang_version", "no kernel_arch": "kernel_arch", "no os_info": "os_info",
            ][spoil]
            #expect(failure?.message.contains(field ?? "?") == true, "\(failure?.message ?? "")")
            #expect(harness.mock.snapshot().hellos.isEmpty)
        }
    }

    @Test func getTasksBatchesAndSkipsKnownTasks() async throws {
        try await ConductorOneHarness.with(ConductorOneMockOptions(tasks: ["hello", "hello", "hello"])) { harness in
            let token = try await harness.token()
            let ids = harness.mock.snapshot().queuedTaskIDs
            var request = C1_Connectorapi_Baton_V1_BatonServiceGetTasksRequest()
            request.hostID = "host-1"
            request.pageSize = 2
            request.knownTaskIds = [ids[0]]
            let first = try await harness.service.getTasks(request, metadata: harness.metadata(token))
            #expect(first.tasks.map(\.id) == [ids[1], ids[2]])
            request.knownTaskIds = []
            let second = try await harness.service.getTasks(request, metadata: harness.metadata(token))
            #expect(second.tasks.map(\.id) == [ids[0]])
            let third = try await harness.service.getTasks(request, metadata: harness.metadata(token))
            #expect(third.tasks.isEmpty)
            for size: UInt32 in [0, 101] {
                request.pageSize = size
                #expect(
                    await rpcCode { _ = try await harness.service.getTasks(request, metadata: harness.metadata(token)) }
                        == .invalidArgument)
            }
        }
    }

    @Test func heartbeatsAnswerCancelledFromTheNamedHeartbeat() async throws {
        try await ConductorOneHarness.with(
            ConductorOneMockOptions(tasks: ["sync_full:cancel-after-heartbeats=2", "sync_full"])
        ) { harness in
            let token = try await harness.token()
            let first = try await harness.getTask(token).task.id
            let second = try await harness.getTask(token).task.id
            func beat(_ id: String) async throws -> C1_Connectorapi_Baton_V1_BatonServiceHeartbeatResponse {
                var request = C1_Connectorapi_Baton_V1_BatonServiceHeartbeatRequest()
                request.hostID = "host-1"
                request.taskID = id
                return try await harness.service.heartbeat(request, metadata: harness.metadata(token))
            }
            let one = try await beat(first)
            #expect(!one.cancelled)
            #expect(one.nextHeartbeat.seconds == 1)
            #expect(try await beat(first).cancelled)
            #expect(try await beat(first).cancelled)
            #expect(try await !beat(second).cancelled)
            harness.mock.cancel(taskID: second)
            #expect(try await beat(second).cancelled)
            #expect(harness.mock.snapshot().heartbeats.map(\.cancelled) == [false, true, true, false, true])
            #expect(await rpcCode { _ = try await beat("A" + String(repeating: "0", count: 26)) } == .notFound)
            #expect(await rpcCode { _ = try await beat("short") } == .invalidArgument)
        }
    }

    @Test func aTaskWithoutHeartbeatsPastItsLeaseIsHandedOutAgain() async throws {
        // A clock the test moves, so the lease does not depend on how fast a loaded machine answers.
        let start = ContinuousClock.now
        let elapsed = Mutex(Duration.zero)
        var options = ConductorOneMockOptions(tasks: ["sync_full", "sync_full"])
        options.taskLease = .milliseconds(300)
        options.clock = { start + elapsed.withLock { $0 } }
        try await ConductorOneHarness.with(options) { harness in
            let token = try await harness.token()
            let first = try await harness.getTask(token).task.id
            let second = try await harness.getTask(token).task.id
            #expect(first != second)
            var beat = C1_Connectorapi_Baton_V1_BatonServiceHeartbeatRequest()
            beat.hostID = "host-1"
            beat.taskID = second
            // The second task heartbeats; the first goes silent, as a killed daemon does.
            for _ in 0..<2 {
                elapsed.withLock { $0 += .milliseconds(200) }
                _ = try await harness.service.heartbeat(beat, metadata: harness.metadata(token))
            }
            // 400 ms since the first was handed out, 0 since the second's heartbeat.
            #expect(try await harness.getTask(token).task.id == first)
            #expect(try await !harness.getTask(token).hasTask)
            #expect(harness.mock.snapshot().handedOutTaskIDs == [first, second, first])
        }
    }

    @Test func finishTaskIsRecordedAndListed() async throws {
        try await ConductorOneHarness.with(
            ConductorOneMockOptions(tasks: ["grant:group:g1:member:user:u1", "unsupported"])
        ) { harness in
            let token = try await harness.token()
            let grantTask = try await harness.getTask(token).task
            #expect(grantTask.grant.entitlement.id == "group:g1:member")
            #expect(grantTask.grant.entitlement.resource.id.resource == "g1")
            #expect(grantTask.grant.principal.id.resourceType == "user")
            let unsupported = try await harness.getTask(token).task
            #expect(TaskSpec.typeName(unsupported) == "event_feed")

            var success = C1_Connectorapi_Baton_V1_BatonServiceFinishTaskRequest()
            success.hostID = "host-1"
            success.taskID = grantTask.id
            success.success.response = try Google_Protobuf_Any(
                message: C1_Connector_V2_GrantManagerServiceGrantResponse())
            _ = try await harness.service.finishTask(success, metadata: harness.metadata(token))

            var failure = C1_Connectorapi_Baton_V1_BatonServiceFinishTaskRequest()
            failure.hostID = "host-1"
            failure.taskID = unsupported.id
            failure.status.code = 2
            failure.status.message = "unsupported task type"
            failure.error.nonRetryable = false
            _ = try await harness.service.finishTask(failure, metadata: harness.metadata(token))

            let results = try await harness.mockJSON("/__mock/results")
            let rows = results.arrayValue ?? []
            #expect(rows.count == 2)
            #expect(rows.first?["task_id"]?.stringValue == grantTask.id)
            #expect(rows.first?["task_type"]?.stringValue == "grant")
            #expect(rows.first?["outcome"]?.stringValue == "success")
            #expect(rows.first?["status_code"]?.isNull == true)
            #expect(
                rows.first?["response_type_url"]?.stringValue
                    == "type.googleapis.com/c1.connector.v2.GrantManagerServiceGrantResponse")
            #expect(rows.last?["task_type"]?.stringValue == "event_feed")
            #expect(rows.last?["outcome"]?.stringValue == "error")
            #expect(rows.last?["status_code"]?.intValue == 2)
            #expect(rows.last?["status_message"]?.stringValue == "unsupported task type")
            #expect(rows.last?["non_retryable"]?.boolValue == false)
            #expect(harness.mock.results().map(\.succeeded) == [true, false])

            // A second finish, an unknown task, a malformed id and a missing final state are refused.
            let metadata = harness.metadata(token)
            #expect(
                await rpcCode { _ = try await harness.service.finishTask(success, metadata: metadata) }
                    == .failedPrecondition)
            var unknown = success
            unknown.taskID = String(repeating: "Z", count: 27)
            #expect(
                await rpcCode { _ = try await harness.service.finishTask(unknown, metadata: metadata) } == .notFound)
            var malformed = success
            malformed.taskID = "task-1"
            #expect(
                await rpcCode { _ = try await harness.service.finishTask(malformed, metadata: metadata) }
                    == .invalidArgument)
            var noState = success
            noState.finalState = nil
            #expect(
                await rpcCode { _ = try await harness.service.finishTask(noState, metadata: metadata) }
                    == .invalidArgument)
            #expect(harness.mock.results().count == 2)
        }
    }

    @Test func tasksCanBeQueuedAtRuntime() async throws {
        try await ConductorOneHarness.with { harness in
            let token = try await harness.token()
            #expect(try await !harness.getTask(token).hasTask)
            let id = try harness.mock.enqueue("revoke:group:g1:member:user:u1")[0]
            let task = try await harness.getTask(token).task
            #expect(task.id == id)
            #expect(task.revoke.grant.id == "group:g1:member:user:u1")
            #expect(task.revoke.grant.principal.id.resource == "u1")
            #expect(throws: TaskSpecError.self) { try harness.mock.enqueue("grant:only-two:parts") }
        }
    }
}
