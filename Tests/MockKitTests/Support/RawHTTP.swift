import AsyncHTTPClient
import Foundation
import MockKit
import NIOCore
import NIOHTTP1

/// One request over a fresh TCP connection, reading until the server closes it; for faults that an
/// HTTP client turns into errors (dropped connections, truncated bodies). The blocking socket calls
/// run on their own thread so they never hold up the server's tasks.
enum RawHTTP {
    static func exchange(port: Int, request: String) async -> [UInt8] {
        await withCheckedContinuation { continuation in
            Thread.detachNewThread {
                continuation.resume(returning: blockingExchange(port: port, request: request))
            }
        }
    }

    private static func blockingExchange(port: Int, request: String) -> [UInt8] {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { return [] }
        defer { close(descriptor) }
        // A hang guard only: generous, because a loaded CI machine (two builds beside the tests) once took
        // longer than 10 s to answer.
        var timeout = timeval(tv_sec: 60, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else { return [] }
        let bytes = Array(request.utf8)
        _ = bytes.withUnsafeBytes { send(descriptor, $0.baseAddress, $0.count, 0) }
        var received: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = chunk.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            if count <= 0 { break }
            received += chunk[0..<count]
        }
        return received
    }

    /// Splits a raw response into its head lines and body.
    static func split(_ raw: [UInt8]) -> (head: [String], body: [UInt8]) {
        let separator: [UInt8] = [13, 10, 13, 10]
        guard let end = (0..<max(0, raw.count - 3)).first(where: { Array(raw[$0..<$0 + 4]) == separator }) else {
            return (String(decoding: raw, as: UTF8.self).components(separatedBy: "\r\n"), [])
        }
        let head = String(decoding: raw[..<end], as: UTF8.self).components(separatedBy: "\r\n")
        return (head, Array(raw[(end + 4)...]))
    }
}
