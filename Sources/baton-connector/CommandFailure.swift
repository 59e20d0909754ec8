import ArgumentParser
import Foundation

/// Errors as one line on standard error and exit 1, never a stack of Swift error descriptions.
enum CommandFailure {
    static func oneLine<Result>(_ body: () async throws -> Result) async throws -> Result {
        do {
            return try await body()
        } catch let error as ValidationError {
            throw error
        } catch let error as ExitCode {
            throw error
        } catch {
            FileHandle.standardError.write(Data("baton-connector: \(String(describing: error))\n".utf8))
            throw ExitCode.failure
        }
    }
}
