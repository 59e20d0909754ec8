public import BatonProto
import Foundation
import NIOSSL

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// What a connector started with `_connector-service` receives from its parent before it serves: the stdin line and
/// the inherited listening socket.
public enum ServiceHandoff {
    /// The variable naming the inherited listener's descriptor, as the Go SDK sets it.
    public static let listenerVariable = "BATON_CONNECTOR_SERVICE_LISTENER_FD"
    /// The longest stdin line read: a real one is about 1.5 KB (two certificates and a key).
    static let maximumLineLength = 64 * 1024

    // MARK: The stdin line

    /// The first line of `descriptor` (standard input): base64 of a serialized `ServerConfig`.
    ///
    /// Reads byte by byte so nothing after the newline is consumed: the rest of stdin is how the parent says it is
    /// still alive.
    /// - Throws: ``ServiceError`` `badConfiguration` for an empty or overlong line, bad base64, or a message that
    ///   does not decode or has no credential or port.
    public static func readConfiguration(from descriptor: CInt = 0) throws(ServiceError)
        -> C1_ConnectorWrapper_V1_ServerConfig
    {
        var line: [UInt8] = []
        var byte: UInt8 = 0
        while true {
            let count = read(descriptor, &byte, 1)
            if count < 0 {
                if errno == EINTR { continue }
                throw .badConfiguration("cannot read the service configuration from stdin: \(errorText(errno))")
            }
            if count == 0 || byte == UInt8(ascii: "\n") { break }
            line.append(byte)
            if line.count > maximumLineLength {
                throw .badConfiguration("the service configuration line on stdin is longer than 64 KiB")
            }
        }
        return try decodeConfiguration(line)
    }

    /// Decodes one stdin line (without its newline).
    public static func decodeConfiguration(_ line: [UInt8]) throws(ServiceError) -> C1_ConnectorWrapper_V1_ServerConfig
    {
        var text = line
        if text.last == UInt8(ascii: "\r") { text.removeLast() }
        guard !text.isEmpty else {
            throw .badConfiguration("no service configuration on stdin (expected one base64 ServerConfig line)")
        }
        guard let bytes = Data(base64Encoded: Data(text)) else {
            throw .badConfiguration("the service configuration on stdin is not base64")
        }
        let config: C1_ConnectorWrapper_V1_ServerConfig
        do {
            config = try C1_ConnectorWrapper_V1_ServerConfig(serializedBytes: bytes)
        } catch {
            throw .badConfiguration("the service configuration on stdin is not a ServerConfig message")
        }
        guard config.hasCredential else { throw .badConfiguration("the service configuration has no credential") }
        guard config.listenPort > 0, config.listenPort <= 65_535 else {
            throw .badConfiguration("the service configuration has no valid listen port (\(config.listenPort))")
        }
        return config
    }

    /// The server identity in `config`, checked as far as the TLS library goes: an Ed25519 key that matches its
    /// seed, and certificates and a key the TLS context accepts.
    ///
    /// - Throws: ``ServiceError`` `badConfiguration`.
    public static func serverIdentity(_ config: C1_ConnectorWrapper_V1_ServerConfig) throws(ServiceError)
        -> ServiceIdentity
    {
        try serverTLS(config).identity
    }

    /// The server identity in `config` and the TLS context made from it, built once for checking and serving.
    static func serverTLS(_ config: C1_ConnectorWrapper_V1_ServerConfig) throws(ServiceError)
        -> (identity: ServiceIdentity, context: NIOSSLContext)
    {
        let identity = try ServiceIdentity(config.credential)
        do {
            return (identity, try ServiceTLS.serverContext(identity))
        } catch {
            throw .badConfiguration("the server credential is unusable: \(String(describing: error).prefix(200))")
        }
    }

    /// The stdin line for `config`: base64 of its serialized bytes, then a newline.
    public static func encodeConfiguration(_ config: C1_ConnectorWrapper_V1_ServerConfig) throws -> [UInt8] {
        let bytes: Data = try config.serializedBytes()
        return Array(bytes.base64EncodedString().utf8) + [UInt8(ascii: "\n")]
    }

    // MARK: The inherited socket

    /// The listening socket named by ``listenerVariable``, checked: a TCP socket, listening, on a loopback address,
    /// on `port`.
    ///
    /// - Throws: ``ServiceError`` `listener` when the variable is missing or malformed, the descriptor is not a
    ///   listening TCP socket, it listens on a non-loopback address, or on another port ("listen port mismatch").
    public static func inheritedListener(environment: [String: String], port: UInt32) throws(ServiceError) -> CInt {
        guard let value = environment[listenerVariable], !value.isEmpty else {
            throw .listener("missing required listener fd (\(listenerVariable) is not set)")
        }
        guard let descriptor = CInt(value), descriptor >= 0 else {
            throw .listener("\(listenerVariable) is not a file descriptor: \(value.prefix(40))")
        }
        var type: CInt = 0
        var listening: CInt = 0
        var size = socklen_t(MemoryLayout<CInt>.size)
        guard getsockopt(descriptor, SOL_SOCKET, SO_TYPE, &type, &size) == 0 else {
            throw .listener("listener fd \(descriptor) is not a socket: \(errorText(errno))")
        }
        size = socklen_t(MemoryLayout<CInt>.size)
        guard type == streamSocketType, getsockopt(descriptor, SOL_SOCKET, SO_ACCEPTCONN, &listening, &size) == 0,
            listening != 0
        else {
            throw .listener("listener fd \(descriptor) is not a listening TCP socket")
        }
        guard let address = localAddress(of: descriptor) else {
            throw .listener("listener fd \(descriptor) is not an IPv4 or IPv6 socket")
        }
        guard address.isLoopback else {
            throw .listener("listener fd \(descriptor) listens on \(address.host), not on a loopback address")
        }
        guard UInt32(address.port) == port else {
            throw .listener(
                "listen port mismatch: the socket is on port \(address.port), the configuration says \(port)")
        }
        return descriptor
    }

    /// Host and port a socket is bound to.
    struct BoundAddress {
        var host: String
        var port: UInt16
        var isLoopback: Bool
    }

    static func localAddress(of descriptor: CInt) -> BoundAddress? {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let status = withUnsafeMutablePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        guard status == 0 else { return nil }
        switch CInt(storage.ss_family) {
        case AF_INET:
            return withUnsafePointer(to: &storage) {
                $0.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { pointer in
                    let address = UInt32(bigEndian: pointer.pointee.sin_addr.s_addr)
                    let host = [24, 16, 8, 0].map { String((address >> $0) & 0xFF) }.joined(separator: ".")
                    return BoundAddress(
                        host: host, port: UInt16(bigEndian: pointer.pointee.sin_port), isLoopback: address >> 24 == 127)
                }
            }
        case AF_INET6:
            return withUnsafePointer(to: &storage) {
                $0.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { pointer in
                    let bytes = withUnsafeBytes(of: pointer.pointee.sin6_addr) { Array($0) }
                    let loopback = bytes == Array(repeating: 0, count: 15) + [1]
                    return BoundAddress(
                        host: loopback ? "::1" : "an IPv6 address", port: UInt16(bigEndian: pointer.pointee.sin6_port),
                        isLoopback: loopback)
                }
            }
        default:
            return nil
        }
    }

    #if canImport(Glibc) || canImport(Musl)
        static let streamSocketType = CInt(SOCK_STREAM.rawValue)
    #else
        static let streamSocketType = SOCK_STREAM
    #endif

    static func errorText(_ code: CInt) -> String { String(cString: strerror(code)) }
}
