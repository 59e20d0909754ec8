import AsyncHTTPClient
import Foundation
import MockKit
import MockRegistry
import NIOCore
import NIOHTTP1
import Synchronization

/// The registry mock, started once per process on loopback with one connector and one draft version, and an HTTP
/// client to it.
private final class RegistryUnderTest: Sendable {
    static let token = "fuzz-publisher-token"
    static let shared = RegistryUnderTest()

    let server: MockServer
    let client = HTTPClient(eventLoopGroupProvider: .singleton)

    private init() {
        let directory = Scratch.path("registry")
        server = blocking {
            let mock = try RegistryMock(
                dataDirectory: directory,
                access: RegistryAccess(publishers: ["acme": Self.token], adminToken: "fuzz-admin-token"))
            return try await MockServer.start(mock)
        }
        _ = send(.POST, "/api/v1/connectors", Data(#"{"org":"acme","name":"okta"}"#.utf8))
        _ = send(.POST, "/api/v1/connectors/acme/okta/versions", Data(#"{"version":"v1.0.0"}"#.utf8))
    }

    /// Sends a request and returns the status and body.
    func send(_ method: HTTPMethod, _ path: String, _ body: Data) -> (status: Int, body: Data) {
        blocking {
            var request = HTTPClientRequest(url: self.server.baseURL + path)
            request.method = method
            request.headers.add(name: "Authorization", value: "Bearer \(Self.token)")
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(bytes: body))
            let response = try await self.client.execute(request, timeout: .seconds(10))
            let bytes = try await response.body.collect(upTo: 1 << 20)
            return (Int(response.status.code), Data(bytes.readableBytesView))
        }
    }
}

/// Runs `body` on the concurrency pool and waits for it: the fuzzer's entry point is synchronous.
private func blocking<Result: Sendable>(_ body: @escaping @Sendable () async throws -> Result) -> Result {
    let outcome = Mutex<Swift.Result<Result, any Error>?>(nil)
    let done = DispatchSemaphore(value: 0)
    Task {
        let result: Swift.Result<Result, any Error>
        do { result = .success(try await body()) } catch { result = .failure(error) }
        outcome.withLock { $0 = result }
        done.signal()
    }
    done.wait()
    switch outcome.withLock({ $0 }) {
    case .success(let value): return value
    case .failure(let error): fatalError("the registry under test failed: \(error)")
    case nil: fatalError("unreachable")
    }
}

/// The routes that read a JSON body, with a connector and version that exist.
private let routes: [(HTTPMethod, String)] = [
    (.POST, "/api/v1/connectors"),
    (.POST, "/api/v1/connectors/acme/okta/versions"),
    (.POST, "/api/v1/connectors/acme/okta/versions/v1.0.0/upload-urls"),
    (.POST, "/api/v1/connectors/acme/okta/versions/v1.0.0/finalize"),
    (.POST, "/api/v1/orgs/acme/keys"),
    (.POST, "/api/v1/connectors/acme/okta/versions/v1.0.0/yank"),
    (.POST, "/api/v1/connectors/acme/okta/stable"),
    (.POST, "/api/v1/connectors/acme/okta/deprecate"),
]

extension FuzzTarget {
    /// The registry mock's request bodies, sent to a live in-process mock: the first byte picks the route.
    static let registryRequest = FuzzTarget(
        "registry-request", "the registry mock's JSON request bodies over HTTP (first byte: which route)"
    ) { data throws(FuzzViolation) in
        guard let selector = data.first else { return }
        let (method, path) = routes[Int(selector) % routes.count]
        let answer = RegistryUnderTest.shared.send(method, path, data.dropFirst())
        try FuzzViolation.check(answer.status < 500, "\(path) answered \(answer.status): \(answer.body.text)")
        if answer.status >= 400 {
            let error = try? JSONSerialization.jsonObject(with: answer.body) as? [String: Any]
            try FuzzViolation.check(
                error?["code"] as? Int == answer.status && error?["message"] is String,
                "\(path) answered \(answer.status) without a {code, message} body: \(answer.body.text)")
        }
    }
}
