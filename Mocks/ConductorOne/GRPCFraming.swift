import BatonProto
import HTTPTypes
import Hummingbird
import MockKit
import NIOCore

/// A gRPC status to answer a call with (codes as in `google.rpc.Code`).
struct GRPCFailure: Error, Sendable {
    let code: Int
    let message: String

    static func invalidArgument(_ message: String) -> GRPCFailure { GRPCFailure(code: 3, message: message) }
    static func notFound(_ message: String) -> GRPCFailure { GRPCFailure(code: 5, message: message) }
    static func resourceExhausted(_ message: String) -> GRPCFailure { GRPCFailure(code: 8, message: message) }
    static func failedPrecondition(_ message: String) -> GRPCFailure { GRPCFailure(code: 9, message: message) }
    static func unimplemented(_ message: String) -> GRPCFailure { GRPCFailure(code: 12, message: message) }
    static func `internal`(_ message: String) -> GRPCFailure { GRPCFailure(code: 13, message: message) }
    static func unavailable(_ message: String) -> GRPCFailure { GRPCFailure(code: 14, message: message) }
    static func dataLoss(_ message: String) -> GRPCFailure { GRPCFailure(code: 15, message: message) }
    static func unauthenticated(_ message: String) -> GRPCFailure { GRPCFailure(code: 16, message: message) }
}

/// Splits a gRPC request body into messages: each a 1-byte compressed flag, a 4-byte big-endian length, then the
/// bytes. The mock advertises no compression, so a compressed message is an error, as in grpc-go.
struct GRPCFrameDecoder {
    /// grpc-go's default receive limit.
    static let maxMessageBytes = 4 << 20
    private var buffer = ByteBuffer()

    mutating func append(_ bytes: ByteBuffer) {
        var bytes = bytes
        buffer.writeBuffer(&bytes)
    }

    /// The next complete message, or nil until more bytes arrive.
    mutating func next() throws(GRPCFailure) -> ByteBuffer? {
        guard buffer.readableBytes >= 5,
            let flag = buffer.getInteger(at: buffer.readerIndex, as: UInt8.self),
            let length = buffer.getInteger(at: buffer.readerIndex + 1, as: UInt32.self)
        else { return nil }
        guard flag == 0 else {
            throw .internal("grpc: received a compressed message but no grpc-encoding was negotiated")
        }
        guard Int(length) <= Self.maxMessageBytes else {
            throw .resourceExhausted(
                "grpc: received message larger than max (\(length) vs. \(Self.maxMessageBytes))")
        }
        guard buffer.readableBytes >= 5 + Int(length) else { return nil }
        buffer.moveReaderIndex(forwardBy: 5)
        let message = buffer.readSlice(length: Int(length)) ?? ByteBuffer()
        if buffer.readableBytes == 0 { buffer.clear() }
        return message
    }

    /// Fails when the stream ended inside a message.
    func finish() throws(GRPCFailure) {
        guard buffer.readableBytes == 0 else { throw .internal("grpc: the request ended inside a message") }
    }
}

extension HTTPField.Name {
    static let grpcStatus = HTTPField.Name.literal("grpc-status")
    static let grpcMessage = HTTPField.Name.literal("grpc-message")
}

enum GRPCResponse {
    /// A gRPC answer: headers, then the message (on success), then the trailers with `grpc-status`.
    static func make(_ result: Result<[UInt8], GRPCFailure>) -> Response {
        var trailers = HTTPFields()
        var frame: ByteBuffer?
        switch result {
        case .success(let bytes):
            var buffer = ByteBuffer()
            buffer.writeInteger(UInt8(0))
            buffer.writeInteger(UInt32(bytes.count))
            buffer.writeBytes(bytes)
            frame = buffer
            trailers[.grpcStatus] = "0"
        case .failure(let failure):
            trailers[.grpcStatus] = String(failure.code)
            trailers[.grpcMessage] = percentEncoded(failure.message)
        }
        return Response(
            status: .ok, headers: [.contentType: "application/grpc"],
            body: ResponseBody { [frame, trailers] writer in
                if let frame { try await writer.write(frame) }
                try await writer.finish(trailers)
            })
    }

    static func make(_ result: Result<some Message, GRPCFailure>) -> Response {
        make(
            result.flatMap { message in
                do {
                    return .success(try message.serializedBytes())
                } catch {
                    return .failure(.internal("grpc: cannot serialize the response"))
                }
            })
    }

    /// `grpc-message` is percent-encoded UTF-8 (everything outside printable ASCII, and `%`).
    static func percentEncoded(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            if byte >= 0x20, byte <= 0x7E, byte != 0x25 {
                out.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                out += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return out
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
