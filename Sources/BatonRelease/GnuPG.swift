public import Foundation

/// The machine's `gpg` (Debian's gnupg), run as a child process: GnuPG signatures are made by GnuPG
/// itself, with the user's keyring (`GNUPGHOME` is passed through).
public enum GnuPG {
    /// Writes a detached, ASCII-armored signature of `path` to `<path>.asc`.
    static func detachSign(_ path: String, keyID: String, home: String? = nil) throws {
        let homeArguments = home.map { ["--homedir", $0] } ?? []
        try run(
            homeArguments + [
                "--batch", "--yes", "--local-user", keyID, "--armor", "--detach-sign", "--output", path + ".asc", path,
            ])
    }

    /// Whether `signature` (armored, detached) signs `content` under `publicKey` (an armored key block),
    /// checked by `gpg` with a throw-away keyring that holds only that key.
    public static func verify(signature: Data, of content: Data, publicKey: String) throws -> Bool {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("baton-gpg-\(UUID().uuidString)")
        try FileManager.default.createDirectory(
            at: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        defer { try? FileManager.default.removeItem(at: directory) }
        let home = directory.appendingPathComponent("home").path
        try FileManager.default.createDirectory(
            atPath: home, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let keyFile = directory.appendingPathComponent("key.asc").path
        let signatureFile = directory.appendingPathComponent("file.asc").path
        let contentFile = directory.appendingPathComponent("file").path
        try Data(publicKey.utf8).write(to: URL(fileURLWithPath: keyFile))
        try signature.write(to: URL(fileURLWithPath: signatureFile))
        try content.write(to: URL(fileURLWithPath: contentFile))
        guard (try? run(["--homedir", home, "--batch", "--import", keyFile])) != nil else { return false }
        return (try? run(["--homedir", home, "--batch", "--verify", signatureFile, contentFile])) != nil
    }

    /// Runs `gpg` with `arguments`; a failure is one line with gpg's last complaint.
    static func run(_ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["gpg"] + arguments
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw ReleaseError("cannot run gpg: \(error.localizedDescription) (apt-get install gnupg)")
        }
        let text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let last = text.split(separator: "\n").last.map(String.init) ?? "exit \(process.terminationStatus)"
            throw ReleaseError("gpg failed: \(last)")
        }
    }
}
