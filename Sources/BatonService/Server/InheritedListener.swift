import GRPCNIOTransportCore
import NIOCore
import NIOPosix
import NIOSSL

/// Accepts gRPC connections on a listening socket the parent bound and handed over (fd 3 on Unix), wrapping each
/// in TLS before gRPC sees it.
///
/// The child never binds anything itself: the socket is the parent's, already listening on 127.0.0.1, so the port
/// cannot be taken between the parent choosing it and the child serving it.
struct InheritedListener: HTTP2ServerTransport.ListenerFactory {
    let eventLoopGroup: any EventLoopGroup
    /// The inherited descriptor; the transport owns and closes it.
    let descriptor: CInt
    let tls: NIOSSLContext

    func makeListeningChannel(
        listenerConfigurator: HTTP2ServerTransport.ListenerConfigurator,
        connectionConfigurator: HTTP2ServerTransport.ConnectionConfigurator
    ) async throws -> NIOAsyncChannel<HTTP2ServerTransport.ConnectionConfigurator.ConnectionChannel, Never> {
        let tls = self.tls
        return try await ServerBootstrap(group: eventLoopGroup)
            .serverChannelInitializer { channel in listenerConfigurator.configure(channel: channel) }
            .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
            .bind(descriptor, cleanupExistingSocketFile: false) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: tls))
                }.flatMap {
                    connectionConfigurator.configure(channel: channel, tls: .configured(requireALPN: true))
                }
            }
    }
}
