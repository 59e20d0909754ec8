/// Why a command stopped: one line for the user and the process's exit status.
struct CommandError: Error, CustomStringConvertible {
    /// What the user reads after `<name>: `; one line, no secrets.
    var message: String
    var exitCode: Int32

    /// The command line or configuration is wrong (exit status 2, like a usage error).
    static func usage(_ message: String) -> CommandError { CommandError(message: message, exitCode: 2) }
    /// The command was understood but failed (exit status 1).
    static func failure(_ message: String) -> CommandError { CommandError(message: message, exitCode: 1) }
    /// The command was interrupted (exit status 130, as a shell reports SIGINT).
    static func interrupted(_ message: String) -> CommandError { CommandError(message: message, exitCode: 130) }

    var description: String { message }
}

extension CommandError {
    /// Exit statuses the command uses.
    enum ExitCode {
        static let success: Int32 = 0
        static let failure: Int32 = 1
        static let usage: Int32 = 2
        static let interrupted: Int32 = 130
    }
}
