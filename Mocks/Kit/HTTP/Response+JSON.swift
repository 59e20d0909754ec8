public import HTTPTypes
public import Hummingbird

extension Response {
    /// A JSON response from bytes a `JSONWriter` produced.
    public static func json(
        _ bytes: [UInt8], status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]
    ) -> Response {
        json(ByteBuffer(bytes: bytes), status: status, headers: headers)
    }

    /// A JSON response from a buffer.
    public static func json(
        _ body: ByteBuffer, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]
    ) -> Response {
        var headers = headers
        if headers[.contentType] == nil { headers[.contentType] = "application/json" }
        return Response(status: status, headers: headers, body: .init(byteBuffer: body))
    }
}

extension Request {
    /// Collects the request body (up to `limit` bytes, 4 MiB by default).
    public func collectBody(upTo limit: Int = 4 << 20) async throws -> [UInt8] {
        var buffer = try await body.collect(upTo: limit)
        return buffer.readBytes(length: buffer.readableBytes) ?? []
    }
}
