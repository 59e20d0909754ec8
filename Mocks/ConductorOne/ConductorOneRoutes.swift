import BatonProto
import Foundation
import HTTPTypes
import Hummingbird
import MockKit
import NIOCore
import Synchronization

/// The routes of the one TLS port: the token endpoint, BatonService over hand-framed gRPC, and `/__mock/*`.
struct ConductorOneRoutes: Sendable {
    static let servicePath = "/c1.connectorapi.baton.v1.BatonService"

    let state: ConductorOneState
    let options: ConductorOneMockOptions
    let verifier: AssertionVerifier
    let uploadsDirectory: String
    var handlers: BatonServiceHandlers {
        BatonServiceHandlers(
            state: state, pollInterval: options.pollInterval, heartbeatInterval: options.heartbeatInterval,
            taskLease: options.taskLease)
    }

    func add(to router: Router<MockRequestContext>) {
        router.post("/auth/v1/token") { request, _ in try await token(request) }

        let handlers = handlers
        unary(router, "Hello", HelloRequest.self, handlers.hello)
        unary(router, "GetTask", GetTaskRequest.self, handlers.getTask)
        unary(router, "GetTasks", GetTasksRequest.self, handlers.getTasks)
        unary(router, "Heartbeat", HeartbeatRequest.self, handlers.heartbeat)
        unary(router, "FinishTask", FinishTaskRequest.self, handlers.finishTask)
        unary(router, "StartDebugging", C1_Connectorapi_Baton_V1_StartDebuggingRequest.self) { _ in
            var response = C1_Connectorapi_Baton_V1_StartDebuggingResponse()
            response.status = false
            return response
        }
        router.post("\(Self.servicePath)/UploadAsset") { request, context in
            try await grpcCall("UploadAsset", request, context) { request in await upload(request) }
        }

        router.get("/__mock/results") { _, _ in Response.json(MockJSON.results(state.snapshot().finished)) }
        router.get("/__mock/uploads") { _, _ in Response.json(MockJSON.uploads(state.snapshot().uploads)) }
        router.get("/__mock/state") { _, _ in Response.json(MockJSON.state(state.snapshot())) }
        router.post("/__mock/tasks") { request, _ in try await enqueue(request) }
    }

    // MARK: Token

    private func token(_ request: Request) async throws -> Response {
        let now = Date()
        do {
            guard request.headers[.contentType]?.lowercased().hasPrefix("application/x-www-form-urlencoded") == true
            else { throw TokenRefusal.request("the body must be application/x-www-form-urlencoded") }
            let form = QueryString.parseForm(try await request.collectBody(upTo: 64 << 10))
            let (nonce, _) = try verifier.verify(form: form, now: now)
            let token = try state.issueToken(nonce: nonce, lifetime: options.tokenTTLSeconds, now: options.tokenClock())
            var json = JSONWriter()
            json.object {
                $0.field("access_token", token)
                $0.field("token_type", "Bearer")
                $0.field("expires_in", options.tokenTTLSeconds)
            }
            return Response.json(json.bytes, headers: [.cacheControl: "no-store"])
        } catch let refusal as TokenRefusal {
            state.refuseToken()
            var json = JSONWriter()
            json.object {
                $0.field("error", refusal.error)
                $0.field("error_description", refusal.description)
            }
            return Response.json(
                json.bytes, status: .init(code: refusal.status), headers: [.cacheControl: "no-store"])
        }
    }

    // MARK: gRPC

    private func unary<Input: Message, Output: Message>(
        _ router: Router<MockRequestContext>, _ method: String, _: Input.Type,
        _ handler: @escaping @Sendable (Input) throws(GRPCFailure) -> Output
    ) {
        let limit = options.maxRequestBytes
        router.post("\(Self.servicePath)/\(method)") { request, context in
            try await grpcCall(method, request, context) { request in
                var decoder = GRPCFrameDecoder()
                var messages: [ByteBuffer] = []
                var total = 0
                do {
                    for try await chunk in request.body {
                        total += chunk.readableBytes
                        guard total <= limit else {
                            return GRPCResponse.make(.failure(.resourceExhausted("the request is too large")))
                        }
                        decoder.append(chunk)
                        while let message = try decoder.next() { messages.append(message) }
                    }
                    try decoder.finish()
                    guard messages.count == 1 else {
                        throw GRPCFailure.unimplemented("grpc: a unary call needs exactly one request message")
                    }
                    let input: Input
                    do {
                        input = try Input(serializedBytes: Array(messages[0].readableBytesView))
                    } catch {
                        throw GRPCFailure.internal("grpc: error unmarshalling request")
                    }
                    return GRPCResponse.make(Result<Output, GRPCFailure>.success(try handler(input)))
                } catch let failure as GRPCFailure {
                    return GRPCResponse.make(.failure(failure))
                }
            }
        }
    }

    /// Content type, authorization and faults, then the call.
    private func grpcCall(
        _ method: String, _ request: Request, _ context: MockRequestContext,
        _ body: (Request) async throws -> Response
    ) async throws -> Response {
        guard request.headers[.contentType]?.lowercased().hasPrefix("application/grpc") == true else {
            return Response(status: .unsupportedMediaType)
        }
        guard let token = bearerToken(request), state.isValid(token: token, now: options.tokenClock()) else {
            return GRPCResponse.make(.failure(.unauthenticated("a valid, unexpired bearer access token is required")))
        }
        let index = state.countCall(method)
        var rng = SplitMix64(seed: options.seed, stream: UInt64(index))
        let roll = rng.unit()
        let pick = rng.unit()
        if roll < options.faultRate, !options.faultKinds.isEmpty {
            state.countFault()
            let kinds = options.faultKinds
            switch kinds[min(Int(pick * Double(kinds.count)), kinds.count - 1)] {
            case .unavailable:
                return GRPCResponse.make(.failure(.unavailable("injected fault: unavailable")))
            case .drop:
                // Resets the HTTP/2 stream (or closes an HTTP/1 connection); nothing reaches the client.
                context.channel.close(promise: nil)
                return GRPCResponse.make(.failure(.unavailable("injected fault: drop")))
            case .slow:
                try await Task.sleep(for: options.slowDelay)
            }
        }
        return try await body(request)
    }

    private func bearerToken(_ request: Request) -> String? {
        guard let value = request.headers[.authorization] else { return nil }
        let parts = value.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
        return String(parts[1])
    }

    private func upload(_ request: Request) async -> Response {
        let injectFailure = state.inner.withLock { inner in
            inner.uploadAttempts += 1
            return inner.uploadAttempts <= options.failUploadAttempts
        }
        var session = UploadSession(state: state, directory: uploadsDirectory, injectFailure: injectFailure)
        var decoder = GRPCFrameDecoder()
        var failure: GRPCFailure?
        var total = 0
        do {
            for try await chunk in request.body {
                total += chunk.readableBytes
                if total > options.maxUploadBytes {
                    failure = failure ?? .resourceExhausted("the upload is too large")
                    break
                }
                // After a violation the rest of the stream is read and dropped, so the status reaches the client.
                guard failure == nil else { continue }
                decoder.append(chunk)
                do {
                    while let message = try decoder.next() { try session.consume(message) }
                } catch {
                    failure = error
                }
            }
            if failure == nil {
                try decoder.finish()
                let asset = try session.finish()
                state.inner.withLock { $0.uploads.append(asset) }
                return GRPCResponse.make(
                    Result<C1_Connectorapi_Baton_V1_BatonServiceUploadAssetResponse, GRPCFailure>.success(.init()))
            }
        } catch let error as GRPCFailure {
            failure = error
        } catch {
            failure = .internal("the request stream failed")
        }
        session.discard()
        return GRPCResponse.make(.failure(failure ?? .internal("upload failed")))
    }

    // MARK: Admin

    /// `POST /__mock/tasks`: a JSON array of `--task` specs (`["sync_full","hello"]`) or of tasks in protobuf JSON.
    private func enqueue(_ request: Request) async throws -> Response {
        let body = try await request.collectBody(upTo: 16 << 20)
        do {
            let queued: [QueuedTask]
            if let specs = try? JSONDecoder().decode([String].self, from: Data(body)) {
                var tasks: [QueuedTask] = []
                for spec in specs {
                    // No file paths over HTTP: the JSON form carries tasks inline.
                    guard !spec.hasPrefix("@") else { throw TaskSpecError("@file specs are not accepted over HTTP") }
                    tasks += try TaskSpec.parse(spec, nextID: state.nextTaskID)
                }
                queued = tasks
            } else {
                queued = try TaskSpec.parseJSON(body, nextID: state.nextTaskID)
            }
            let ids = state.enqueue(queued)
            var json = JSONWriter()
            json.object { object in
                object.key("task_ids")
                object.array { array in for id in ids { array.string(id) } }
            }
            return Response.json(json.bytes)
        } catch let error as TaskSpecError {
            var json = JSONWriter()
            json.object { $0.field("error", error.message) }
            return Response.json(json.bytes, status: .badRequest)
        }
    }
}
