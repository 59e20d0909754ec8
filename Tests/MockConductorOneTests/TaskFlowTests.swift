import BatonProto
import BatonService
import Foundation
import GRPCCore
import MockConductorOne
import MockKit
import Testing

@Suite struct TaskFlowTests {
    @Test func helloIsRecordedAndTasksComeOutInOrderOnce() async throws {
        let options = ConductorOneMockOptions(
            tasks: ["sync_full", "delete_resource:user:u1", "hello"], pollInterval: .milliseconds(250))
        try await ConductorOneHarness.with(options) { harness in
            let token = try await harness.token()
            _ = try await harness.service.hello(ConductorOneHarness.hello(), metadata: harness.metadata(token))
            #expect(harness.mock.snapshot().hellos.count == 1)

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
            #expect(types == ["sync_full", "delete_resource", "hello"])
            #expect(Set(ids).count == 3)
            #expect(
                ids.allSatisfy { $0.utf8.count == 27 && $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) } })
        }
    }
}
