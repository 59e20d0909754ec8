public import Foundation

/// Decodes a JSON body to one response type exactly as ``HTTPResponse/decodeJSON(_:decoder:requireJSONContentType:)``
/// does for a `200 application/json` answer, discarding the value.
///
/// Connectors list their private page shapes as these so that the fuzzer (`make fuzz`) and its corpus replay
/// test can feed them hostile bodies without a server:
///
/// ```swift
/// package static let all = [JSONBodyDecoder("users", [User].self), JSONBodyDecoder("user", User.self)]
/// ```
public struct JSONBodyDecoder: Sendable {
    /// What the body answers (`users`, `group-members`), unique within a connector.
    public let name: String
    private let decodeBody: @Sendable (HTTPResponse) throws -> Void

    /// A decoder of bodies of `type`.
    public init<Body: Decodable & Sendable>(_ name: String, _ type: Body.Type) {
        self.name = name
        decodeBody = { _ = try $0.decodeJSON(Body.self) }
    }

    /// Decodes `body`.
    ///
    /// - Throws: `BatonError` "failed to unmarshal json response: …" when the body is not a valid `Body`.
    public func decode(_ body: Data) throws {
        try decodeBody(
            HTTPResponse(
                method: .get, url: Self.url, status: 200, headers: ["Content-Type": "application/json"], body: body))
    }

    private static let url = URL(fileURLWithPath: "/")
}
