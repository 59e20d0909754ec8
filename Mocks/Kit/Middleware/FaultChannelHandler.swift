import NIOCore
import NIOHTTP1

/// The response header a route sets to ask the channel to misbehave; it never leaves the server.
let faultMarkerHeader: StaticString = "x-baton-mock-fault"

/// Added through Hummingbird's `additionalChannelHandlers`: sets TCP_NODELAY on the connection and
/// installs `FaultChannelHandler` next to the HTTP/1 encoder, where responses are still HTTP parts
/// but with the exact header lines that go on the wire.
final class FaultHandlerInstaller: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = Never

    func handlerAdded(context: ChannelHandlerContext) {
        // Keep-alive request/response traffic stalls on Nagle + delayed ACK without this.
        try? context.channel.syncOptions?.setOption(ChannelOptions.socketOption(.tcp_nodelay), value: 1)
        let pipeline = context.pipeline.syncOperations
        if let encoder = try? pipeline.handler(type: HTTPResponseEncoder.self) {
            try? pipeline.addHandler(FaultChannelHandler(), position: .after(encoder))
        }
    }
}

/// Carries out `drop` and `truncate` faults: `drop` closes the connection instead of writing the
/// response; `truncate` writes the head (with the full `Content-Length`) and half the body, then closes.
final class FaultChannelHandler: ChannelOutboundHandler, RemovableChannelHandler {
    typealias OutboundIn = HTTPServerResponsePart
    typealias OutboundOut = HTTPServerResponsePart

    private enum Mode {
        case passThrough
        case dropping
        case truncating(remaining: Int)
    }

    private var mode = Mode.passThrough

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        let part = unwrapOutboundIn(data)
        switch (part, mode) {
        case (.head(var head), _):
            guard let fault = head.headers.first(name: faultMarkerHeader.description) else {
                mode = .passThrough
                context.write(data, promise: promise)
                return
            }
            head.headers.remove(name: faultMarkerHeader.description)
            if fault == "truncate" {
                let length = head.headers.first(name: "content-length").flatMap { Int($0) } ?? 0
                mode = .truncating(remaining: length / 2)
                context.write(wrapOutboundOut(.head(head)), promise: promise)
            } else {
                mode = .dropping
                promise?.fail(ChannelError.ioOnClosedChannel)
                context.close(promise: nil)
            }
        case (_, .passThrough):
            context.write(data, promise: promise)
        case (_, .dropping):
            promise?.fail(ChannelError.ioOnClosedChannel)
        case (.body(let body), .truncating(let remaining)):
            guard case .byteBuffer(var buffer) = body, remaining > 0 else {
                promise?.succeed()
                return
            }
            let slice = buffer.readSlice(length: min(remaining, buffer.readableBytes)) ?? buffer
            mode = .truncating(remaining: remaining - slice.readableBytes)
            context.write(wrapOutboundOut(.body(.byteBuffer(slice))), promise: promise)
        case (.end, .truncating):
            // Close only once the partial body has reached the socket.
            let channel = context.channel
            context.writeAndFlush(wrapOutboundOut(.body(.byteBuffer(channel.allocator.buffer(capacity: 0)))))
                .whenComplete { _ in channel.close(promise: nil) }
            mode = .dropping
            promise?.succeed()
        }
    }
}
