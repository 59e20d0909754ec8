import BatonDaemon
import Foundation

/// `<connector> health-check [--endpoint health|ready|live|URL] [--health-check-port N]
/// [--health-check-bind-address A] [--timeout SECONDS]`: asks a running daemon's health server and exits 0 when it
/// answers 200, 1 otherwise, for container probes that have no curl.
enum HealthCheckCommand {
    static let name = "health-check"

    static let usage = """
        Ask a running daemon's health-check server

        Usage:
          NAME health-check [flags]

        Flags:
              --endpoint string                    health, ready, live, or a full URL (default "health")
              --health-check-bind-address string   The address the health-check server listens on (default "127.0.0.1")
              --health-check-port int              The port of the health-check server (default 8081)
              --timeout int                        Seconds to wait for the answer (default 5)
          -h, --help                               help for health-check

        """

    static func run(_ arguments: [String], invocation: CommandInvocation) async throws -> Int32 {
        var endpoint = "health"
        var host = invocation.environment["BATON_HEALTH_CHECK_BIND_ADDRESS"] ?? "127.0.0.1"
        var port = Int(invocation.environment["BATON_HEALTH_CHECK_PORT"] ?? "") ?? 8081
        var timeout = 5
        var rest = arguments[...]
        while let argument = rest.popFirst() {
            if argument == "-h" || argument == "--help" {
                invocation.stdout.write(usage.replacingOccurrences(of: "NAME", with: invocation.name))
                return CommandError.ExitCode.success
            }
            let (flag, inline) = split(argument)
            guard let value = inline ?? rest.popFirst() else {
                throw CommandError.usage("flag needs an argument: \(flag)")
            }
            switch flag {
            case "--endpoint": endpoint = value
            case "--health-check-bind-address": host = value
            case "--health-check-port":
                guard let number = Int(value), (1...65535).contains(number) else {
                    throw CommandError.usage("invalid --health-check-port \"\(value)\": expected 1 to 65535")
                }
                port = number
            case "--timeout":
                guard let number = Int(value), (1...300).contains(number) else {
                    throw CommandError.usage("invalid --timeout \"\(value)\": expected 1 to 300 seconds")
                }
                timeout = number
            default:
                throw CommandError.usage("unknown flag: \(flag)")
            }
        }
        let url = HealthCheckProbe.url(endpoint: endpoint, host: host, port: port)
        let outcome = await HealthCheckProbe.check(url: url, timeout: .seconds(timeout))
        guard outcome.healthy else { throw CommandError.failure(outcome.line) }
        invocation.stdout.write(outcome.line + "\n")
        return CommandError.ExitCode.success
    }

    private static func split(_ argument: String) -> (String, String?) {
        guard argument.hasPrefix("--"), let equals = argument.firstIndex(of: "=") else { return (argument, nil) }
        return (String(argument[..<equals]), String(argument[argument.index(after: equals)...]))
    }
}
