import ArgumentParser
import BatonStore
import Foundation

/// `baton explorer -f sync.c1z [--port 8080] [--host 127.0.0.1] [--open]`: the access page served
/// over HTTP with a paged JSON API, for syncs of any size.
struct ExplorerCommand: AsyncInspectCommand {
    static let configuration = CommandConfiguration(
        commandName: "explorer", abstract: "Browse a sync in a web browser, served from this machine",
        discussion: """
            Serves the page of `baton report` with its data read page by page from the c1z (opened \
            read-only), so files of any size open at once. Listens on 127.0.0.1 unless --host names \
            another address; the server has no authentication, so anyone who can reach a wider address \
            can read the sync. Stop it with Ctrl-C.
            """)

    @OptionGroup var global: GlobalOptions

    @Option(name: [.customShort("p"), .customLong("port")], help: "The port to listen on (0: any free port).")
    var port = 8080

    @Option(name: .customLong("host"), help: "The address to listen on.")
    var host = "127.0.0.1"

    @Flag(name: .customLong("open"), help: "Open the page in the default browser.")
    var openBrowser = false

    func validate() throws {
        guard (0...65_535).contains(port) else {
            throw ValidationError("--port must be between 0 and 65535")
        }
        guard !host.isEmpty else { throw ValidationError("--host must not be empty") }
    }

    func run(in context: CommandContext) async throws {
        let store = try C1ZStore.open(c1z: global.file, options: context.readOptions)
        defer { try? store.close() }
        let server = try await start(store, context, stopOnSignals: true)
        if openBrowser {
            openInBrowser(server.baseURL + "/", context)
        }
        try await server.waitUntilStopped()
    }

    /// Starts serving `store` (warning first when the address is not loopback) and says where.
    func start(_ store: C1ZStore, _ context: CommandContext, stopOnSignals: Bool) async throws -> ExplorerServer {
        let api = try ExplorerAPI(store: store, syncID: try store.resolveSyncID(global.syncID))
        let title = URL(fileURLWithPath: global.file).lastPathComponent
        if !ExplorerServer.isLoopback(host) {
            context.standardError(
                "baton: warning: listening on \(host): the explorer has no authentication, anyone who can reach "
                    + "this address can read the sync\n")
        }
        let server = try await ExplorerServer.start(
            api, title: title, host: host, port: port, stopOnSignals: stopOnSignals)
        context.output.write("baton explorer: serving \(title) at \(server.baseURL)/ (Ctrl-C to stop)\n")
        context.output.flush()
        return server
    }

    private func openInBrowser(_ url: String, _ context: CommandContext) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["xdg-open", url]
        do {
            try process.run()
        } catch {
            context.standardError("baton: warning: could not open a browser (\(error.localizedDescription))\n")
        }
    }
}
