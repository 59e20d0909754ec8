import BatonProto
import CSpawn
import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// A connector executable started as a service child, exactly as the Go SDK starts one: a listening socket on
/// 127.0.0.1 passed as fd 3 (`BATON_CONNECTOR_SERVICE_LISTENER_FD=3`), `_connector-service` appended after its own
/// arguments, and one base64 `ServerConfig` line on its stdin, which stays open for as long as the child should run.
///
/// The child gets its own process group, so a Ctrl-C reaches the parent alone and the parent stops the child in
/// order (by closing stdin) after saving its progress.
public final class ConnectorProcess: Sendable {
    /// How the child ended.
    public enum Termination: Sendable, Equatable, CustomStringConvertible {
        case exited(Int32)
        case signalled(Int32)

        public var description: String {
            switch self {
            case .exited(let status): "exit status \(status)"
            case .signalled(let signal): "killed by signal \(signal)"
            }
        }
    }

    /// The executable's name, for messages (never its arguments: they may hold secrets).
    public let name: String
    public let processID: Int32
    /// The port the child serves on (127.0.0.1).
    public let port: Int
    /// The parent's TLS identity for this child.
    public let client: ServiceIdentity

    private let standardInput: Mutex<CInt>
    private let termination = Mutex<(ended: Termination?, waiters: [CheckedContinuation<Termination, Never>])>(
        (nil, []))

    private init(name: String, processID: Int32, port: Int, client: ServiceIdentity, standardInput: CInt) {
        self.name = name
        self.processID = processID
        self.port = port
        self.client = client
        self.standardInput = Mutex(standardInput)
    }

    deinit {
        let descriptor = standardInput.withLock { $0 }
        if descriptor >= 0 { close(descriptor) }
    }

    /// Starts `executable` with `arguments` as a service child.
    ///
    /// - Parameters:
    ///   - executable: A path, or a name looked up in `PATH`.
    ///   - arguments: The connector's own flags (`_connector-service` is appended).
    ///   - environment: The child's environment (the listener variable is added).
    ///   - credentials: The TLS identities; fresh ones by default.
    /// - Throws: ``ServiceError`` `child` when the executable is missing or cannot be started.
    public static func start(
        executable: String, arguments: [String], environment: [String: String],
        credentials: ServiceCredentials? = nil
    ) throws -> ConnectorProcess {
        try start(
            executable: executable, arguments: arguments, environment: environment, credentials: credentials,
            handoff: ServiceHandoff.encodeConfiguration)
    }

    /// ``start(executable:arguments:environment:credentials:)`` with the stdin bytes made by `handoff` from the
    /// real configuration: tests send broken lines with it.
    static func start(
        executable: String, arguments: [String], environment: [String: String], credentials: ServiceCredentials?,
        handoff: (C1_ConnectorWrapper_V1_ServerConfig) throws -> [UInt8], standardError: CInt? = nil
    ) throws -> ConnectorProcess {
        let name = (executable as NSString).lastPathComponent
        let path = try resolve(executable, environment: environment)
        let credentials = try credentials ?? ServiceCredentials.generate()
        let (listener, port) = try makeListener()
        defer { close(listener) }

        var config = C1_ConnectorWrapper_V1_ServerConfig()
        config.credential = credentials.server.credential
        config.listenPort = UInt32(port)
        let line = try handoff(config)

        var pipeEnds: [CInt] = [0, 0]
        guard pipe(&pipeEnds) == 0 else { throw ServiceError.child("cannot create a pipe: \(errorText())") }
        for end in pipeEnds { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
        let processID: pid_t
        do {
            processID = try spawn(
                path: path, arguments: [path] + arguments + [ConnectorServiceChild.subcommand],
                environment: environment.merging([ServiceHandoff.listenerVariable: "3"]) { $1 },
                standardInput: pipeEnds[0], listener: listener, standardError: standardError)
        } catch {
            close(pipeEnds[0])
            close(pipeEnds[1])
            throw error
        }
        close(pipeEnds[0])
        let process = ConnectorProcess(
            name: name, processID: processID, port: port, client: credentials.client, standardInput: pipeEnds[1])
        process.watch()
        // A child that died at once must not kill the parent with SIGPIPE; its exit status says more.
        signal(SIGPIPE, SIG_IGN)
        line.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = write(pipeEnds[1], buffer.baseAddress! + offset, buffer.count - offset)
                if written > 0 {
                    offset += written
                } else if written < 0 && errno == EINTR {
                    continue
                } else {
                    break
                }
            }
        }
        return process
    }

    /// How the child ended, or `nil` while it runs.
    public var ended: Termination? { termination.withLock { $0.ended } }

    /// Waits for the child to end.
    public func waitForExit() async -> Termination {
        await withCheckedContinuation { continuation in
            let ended: Termination? = termination.withLock { state in
                if let ended = state.ended { return ended }
                state.waiters.append(continuation)
                return nil
            }
            if let ended { continuation.resume(returning: ended) }
        }
    }

    /// Waits for the child to end, or throws `CancellationError` when the calling task is cancelled (checking every
    /// 20 ms), for waits that race something else.
    public func waitForExitUnlessCancelled() async throws -> Termination {
        while true {
            if let ended { return ended }
            try await Task.sleep(for: .milliseconds(20))
        }
    }

    /// Stops the child as the Go SDK does, by closing its stdin, and waits for it; after `grace` it is sent
    /// SIGTERM, and SIGKILL after as long again.
    @discardableResult
    public func stop(grace: Duration = .seconds(10)) async -> Termination {
        closeStandardInput()
        for signal in [SIGTERM, SIGKILL] {
            if let ended = await waitForExit(within: grace) { return ended }
            kill(processID, signal)
        }
        return await waitForExit()
    }

    /// Sends `signal` to the child (tests use it to kill one mid-sync).
    public func send(_ signal: Int32) { kill(processID, signal) }

    private func closeStandardInput() {
        standardInput.withLock { descriptor in
            if descriptor >= 0 { close(descriptor) }
            descriptor = -1
        }
    }

    private func waitForExit(within limit: Duration) async -> Termination? {
        let deadline = ContinuousClock.now + limit
        while ContinuousClock.now < deadline {
            if let ended { return ended }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return ended
    }

    /// Reaps the child on a thread of its own and wakes whoever waits.
    private func watch() {
        let processID = self.processID
        let thread = Thread { [self] in
            var status: Int32 = 0
            while waitpid(processID, &status, 0) < 0 && errno == EINTR {}
            let ended: Termination =
                status & 0x7F == 0 ? .exited((status >> 8) & 0xFF) : .signalled(status & 0x7F)
            let waiters = termination.withLock { state in
                state.ended = ended
                defer { state.waiters = [] }
                return state.waiters
            }
            for waiter in waiters { waiter.resume(returning: ended) }
        }
        thread.start()
    }

    // MARK: Starting

    /// `executable` as a path to an executable file: as given when it has a slash, else found in `PATH`.
    static func resolve(_ executable: String, environment: [String: String]) throws(ServiceError) -> String {
        guard !executable.isEmpty else { throw .child("no connector executable given") }
        if executable.contains("/") {
            guard access(executable, X_OK) == 0 else {
                throw .child("connector executable \(executable) not found or not executable")
            }
            return executable
        }
        let searchPath = environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for directory in searchPath.split(separator: ":") where !directory.isEmpty {
            let candidate = "\(directory)/\(executable)"
            if access(candidate, X_OK) == 0 { return candidate }
        }
        throw .child("connector executable \(executable) not found in PATH")
    }

    /// A TCP socket listening on 127.0.0.1 on a port the kernel picks, close-on-exec (only the dup made for the
    /// child survives exec), at a descriptor above 3 so moving it to 3 really makes a copy.
    static func makeListener() throws(ServiceError) -> (CInt, Int) {
        #if canImport(Glibc) || canImport(Musl)
            let created = socket(AF_INET, CInt(SOCK_STREAM.rawValue), 0)
        #else
            let created = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard created >= 0 else { throw .child("cannot create the service socket: \(errorText())") }
        let descriptor = fcntl(created, F_DUPFD_CLOEXEC, 10)
        close(created)
        guard descriptor >= 0 else { throw .child("cannot create the service socket: \(errorText())") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = in_addr_t(0x7F00_0001).bigEndian
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0, listen(descriptor, 128) == 0,
            let port = ServiceHandoff.localAddress(of: descriptor)?.port
        else {
            let text = errorText()
            close(descriptor)
            throw .child("cannot listen on 127.0.0.1: \(text)")
        }
        return (descriptor, Int(port))
    }

    private static func spawn(
        path: String, arguments: [String], environment: [String: String], standardInput: CInt, listener: CInt,
        standardError: CInt?
    ) throws(ServiceError) -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, standardInput, STDIN_FILENO)
        posix_spawn_file_actions_adddup2(&actions, listener, 3)
        if let standardError { posix_spawn_file_actions_adddup2(&actions, standardError, STDERR_FILENO) }
        // Nothing of the parent's but stdio and the listener, whatever another thread opens meanwhile: not every
        // library marks its descriptors close-on-exec (a test process full of mock servers showed it).
        if baton_spawn_file_actions_addclosefrom(&actions, 4) != 0 { markDescriptorsCloseOnExec() }

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // Default dispositions and an empty mask: the parent may ignore or block signals for its own handling.
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGINT, SIGTERM, SIGPIPE, SIGHUP, SIGQUIT] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        var mask = sigset_t()
        sigemptyset(&mask)
        posix_spawnattr_setsigmask(&attributes, &mask)
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(
            &attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETPGROUP))

        let argv = arguments.map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for pointer in argv { free(pointer) }
            for pointer in envp { free(pointer) }
        }
        var processID: pid_t = 0
        let status = posix_spawn(&processID, path, &actions, &attributes, argv, envp)
        guard status == 0 else {
            throw .child("cannot start \((path as NSString).lastPathComponent): \(String(cString: strerror(status)))")
        }
        return processID
    }

    /// Marks every open descriptor above stderr close-on-exec, where the spawn cannot close them itself (a C library
    /// without closefrom): the child inherits stdio and the listener (dup'ed by the spawn, which clears the mark).
    private static func markDescriptorsCloseOnExec() {
        let open = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
        for descriptor in open.compactMap({ CInt($0) }) where descriptor > 2 {
            let flags = fcntl(descriptor, F_GETFD)
            if flags >= 0 && flags & FD_CLOEXEC == 0 { _ = fcntl(descriptor, F_SETFD, flags | FD_CLOEXEC) }
        }
    }

    private static func errorText() -> String { String(cString: strerror(errno)) }
}
