import BatonProto
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The machine as Hello describes it. Every field is non-empty: ConductorOne's older validation required that.
struct HostInfo {
    var hostname = "unknown"
    var os = "linux"
    var platform = ""
    var platformVersion = ""
    var platformFamily = ""
    var kernelVersion = "unknown"
    var kernelArch = "unknown"

    /// The compiler's language version, e.g. `swift6.3`.
    static var swiftVersion: String {
        #if compiler(>=6.3)
            "swift6.3"
        #elseif compiler(>=6.2)
            "swift6.2"
        #else
            "swift6"
        #endif
    }

    static func current() -> HostInfo {
        var info = HostInfo()
        let name = ProcessInfo.processInfo.hostName
        if !name.isEmpty { info.hostname = name }
        var names = utsname()
        if uname(&names) == 0 {
            info.os = field(names.sysname).lowercased()
            info.kernelVersion = field(names.release)
            info.kernelArch = field(names.machine)
        }
        // /etc/os-release names the distribution (`debian`, `13`, family from ID_LIKE).
        if let text = try? String(contentsOfFile: "/etc/os-release", encoding: .utf8) {
            var values: [String: String] = [:]
            for line in text.split(separator: "\n") {
                let pair = line.split(separator: "=", maxSplits: 1)
                guard pair.count == 2 else { continue }
                values[String(pair[0])] = pair[1].trimmingCharacters(in: CharacterSet(charactersIn: "\"'"))
            }
            info.platform = values["ID"] ?? ""
            info.platformVersion = values["VERSION_ID"] ?? ""
            info.platformFamily = values["ID_LIKE"]?.split(separator: " ").first.map(String.init) ?? info.platform
        }
        // Go's fallbacks: platform ← os, family ← platform, version ← kernel version.
        if info.os.isEmpty { info.os = "linux" }
        if info.platform.isEmpty { info.platform = info.os }
        if info.platformFamily.isEmpty { info.platformFamily = info.platform }
        if info.platformVersion.isEmpty { info.platformVersion = info.kernelVersion }
        return info
    }

    var osInfo: C1_Connectorapi_Baton_V1_BatonServiceHelloRequest.OSInfo {
        var info = C1_Connectorapi_Baton_V1_BatonServiceHelloRequest.OSInfo()
        info.hostname = hostname
        info.os = os
        info.platform = platform
        info.platformVersion = platformVersion
        info.platformFamily = platformFamily
        info.kernelVersion = kernelVersion
        info.kernelArch = kernelArch
        info.virtualizationSystem = "none"
        return info
    }

    private static func field<T>(_ tuple: T) -> String {
        withUnsafeBytes(of: tuple) { raw in
            let bytes = raw.prefix { $0 != 0 }
            return String(decoding: bytes, as: UTF8.self)
        }
    }
}
