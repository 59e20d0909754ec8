import BatonFuzz
import Foundation

// libFuzzer's driver around the targets of BatonFuzz. SwiftPM links an executable's own `main` (this file), so
// libFuzzer's `main` never runs: this one hands the command line to `LLVMFuzzerRunDriver`, libFuzzer's entry
// point for programs with a main of their own. The target comes from BATON_FUZZ_TARGET (`make fuzz` sets it),
// so one sanitized build serves every target. A broken contract aborts, which libFuzzer records as a crash
// with its input.

/// libFuzzer's driver (`-sanitize=fuzzer` links it): runs `callback` on every input the flags in `argv` ask for.
/// Declared by symbol name because libFuzzer ships no module map; its arguments are plain pointers and ints,
/// passed alike by the Swift and C conventions on the platforms the fuzzer runs on.
@_silgen_name("LLVMFuzzerRunDriver")
func runDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

let target: FuzzTarget = {
    let name = ProcessInfo.processInfo.environment["BATON_FUZZ_TARGET"] ?? ""
    guard let target = FuzzTarget.named(name) else {
        let names = FuzzTarget.all.map { "  \($0.name): \($0.summary)" }.joined(separator: "\n")
        FileHandle.standardError.write(Data("baton-fuzz: set BATON_FUZZ_TARGET to one of:\n\(names)\n".utf8))
        exit(2)
    }
    return target
}()

/// One input. Also exported under libFuzzer's name: `-sanitize=fuzzer` links libFuzzer's own `main`, which
/// refers to it (SwiftPM's `main` replaces that one at link time).
@_cdecl("LLVMFuzzerTestOneInput")
func fuzzOneInput(_ bytes: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let data = bytes.map { Data(bytes: $0, count: count) } ?? Data()
    do {
        try target.run(data)
    } catch {
        FileHandle.standardError.write(Data("baton-fuzz \(target.name): \(error)\n".utf8))
        abort()
    }
    return 0
}

_ = target
var argc = CommandLine.argc
var argv = CommandLine.unsafeArgv
exit(runDriver(&argc, &argv, fuzzOneInput))
