// swift-tools-version: 6.1
import PackageDescription

/// Settings every first-party target shares: Swift 6 mode plus the upcoming features that keep
/// imports and existentials explicit. Applied to every target at the end of this file.
let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

/// The pkg-config name of a system library where pkg-config is needed to find it (macOS with Homebrew); none on
/// Linux, where the libraries live in the linker's default paths.
func systemPkgConfig(_ name: String) -> String? {
    #if os(Linux)
        return nil
    #else
        return name
    #endif
}

let protobuf = Target.Dependency.product(name: "SwiftProtobuf", package: "swift-protobuf")
let logging = Target.Dependency.product(name: "Logging", package: "swift-log")
let argumentParser = Target.Dependency.product(name: "ArgumentParser", package: "swift-argument-parser")
let asyncHTTPClient = Target.Dependency.product(name: "AsyncHTTPClient", package: "async-http-client")
let crypto = Target.Dependency.product(name: "Crypto", package: "swift-crypto")
let cryptoExtras = Target.Dependency.product(name: "_CryptoExtras", package: "swift-crypto")
let nioCore = Target.Dependency.product(name: "NIOCore", package: "swift-nio")
let nioHTTP1 = Target.Dependency.product(name: "NIOHTTP1", package: "swift-nio")
let nioPosix = Target.Dependency.product(name: "NIOPosix", package: "swift-nio")
let yams = Target.Dependency.product(name: "Yams", package: "Yams")
let hummingbird = Target.Dependency.product(name: "Hummingbird", package: "hummingbird")
let httpTypes = Target.Dependency.product(name: "HTTPTypes", package: "swift-http-types")
let grpcCore = Target.Dependency.product(name: "GRPCCore", package: "grpc-swift-2")
let grpcPosix = Target.Dependency.product(name: "GRPCNIOTransportHTTP2Posix", package: "grpc-swift-nio-transport")
let grpcProtobuf = Target.Dependency.product(name: "GRPCProtobuf", package: "grpc-swift-protobuf")
let nioSSL = Target.Dependency.product(name: "NIOSSL", package: "swift-nio-ssl")
let tracing = Target.Dependency.product(name: "Tracing", package: "swift-distributed-tracing")

/// A connector of a real service and its mock, as five targets:
///
/// - `<name>Connector`, the connector library (`Connectors/<name>/Sources`);
/// - `baton-<name, lowercased>`, the executable around it (`Connectors/<name>/Main`);
/// - `Mock<name>`, the service's mock (`Mocks/<name>`), served by `baton-mock`;
/// - `<name>ConnectorTests` and `Mock<name>Tests`.
///
/// The `extra…` dependencies are what one connector needs beyond the others.
struct ServiceConnector {
    /// The type-name stem (`GitHub`, `AcmeCloud`): directories, modules and Swift types start with it.
    var name: String
    /// The lower-kebab name (`acme-cloud`) when it is not just `name` lowercased: the executable is
    /// `baton-<command>` and the mock `baton-mock <command>`.
    var command: String? = nil
    var extraDependencies: [Target.Dependency] = []
    var extraTestDependencies: [Target.Dependency] = []
    var extraMockTestDependencies: [Target.Dependency] = []

    var library: String { "\(name)Connector" }
    var executable: String { "baton-\(command ?? name.lowercased())" }
    var mock: String { "Mock\(name)" }

    var targets: [Target] {
        [
            .target(
                name: library, dependencies: ["BatonSDK", "BatonHTTP", "BatonConfig"] + extraDependencies,
                path: "Connectors/\(name)/Sources"),
            .executableTarget(
                name: executable, dependencies: [.byName(name: library), "BatonCLI"], path: "Connectors/\(name)/Main"),
            .target(name: mock, dependencies: ["MockKit", hummingbird, httpTypes], path: "Mocks/\(name)"),
            .testTarget(
                name: "\(library)Tests",
                dependencies: [
                    .byName(name: library), "BatonSync", "BatonTestSupport", .byName(name: mock), "MockKit",
                    "MockTestSupport",
                ]
                    + extraTestDependencies),
            .testTarget(
                name: "\(mock)Tests",
                dependencies: ["MockTestSupport", .byName(name: mock), "MockKit", asyncHTTPClient, nioCore, nioHTTP1]
                    + extraMockTestDependencies),
        ]
    }
}

/// The service connectors. Adding one is a line here (and one in `Connectors/connectors.txt`, which the scripts
/// and `baton-bench` read).
let serviceConnectors = [
    ServiceConnector(name: "Okta", extraMockTestDependencies: [crypto, cryptoExtras]),
    ServiceConnector(name: "Jira", extraTestDependencies: ["BatonConfig"]),
    ServiceConnector(
        name: "GitHub", extraDependencies: [logging], extraTestDependencies: ["BatonHTTP", cryptoExtras],
        extraMockTestDependencies: [crypto, cryptoExtras]),
]

/// libFuzzer's driver, declared only when `BATON_FUZZ=1` (as `make fuzz` sets it): it has no `main` of its own and
/// links only with `-sanitize=fuzzer`, so the normal build never sees it.
let fuzzTargets: [Target] =
    Context.environment["BATON_FUZZ"] == "1"
    ? [.executableTarget(name: "baton-fuzz", dependencies: ["BatonFuzz"], path: "Tests/Fuzz/Main")] : []

let package = Package(
    name: "baton-swift",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "BatonSDK", targets: ["BatonSDK"]),
        .library(name: "BatonHTTP", targets: ["BatonHTTP"]),
        .library(name: "BatonConfig", targets: ["BatonConfig"]),
        .library(name: "BatonStore", targets: ["BatonStore"]),
        .library(name: "BatonSync", targets: ["BatonSync"]),
        .library(name: "BatonCLI", targets: ["BatonCLI"]),
        .executable(name: "baton", targets: ["baton"]),
        .executable(name: "baton-demo", targets: ["baton-demo"]),
        .executable(name: "baton-bench", targets: ["baton-bench"]),
        .executable(name: "baton-mock", targets: ["baton-mock"]),
        .executable(name: "baton-connector", targets: ["baton-connector"]),
    ] + serviceConnectors.map { .executable(name: $0.executable, targets: [$0.executable]) },
    dependencies: [
        .package(url: "https://github.com/apple/swift-protobuf.git", exact: "1.39.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "4.5.2"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        // Service mode: gRPC over mutual TLS with per-spawn Ed25519 certificates.
        .package(url: "https://github.com/grpc/grpc-swift-2.git", from: "2.4.3"),
        .package(url: "https://github.com/grpc/grpc-swift-nio-transport.git", from: "2.9.2"),
        .package(url: "https://github.com/grpc/grpc-swift-protobuf.git", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-certificates.git", from: "1.21.1"),
        .package(url: "https://github.com/apple/swift-asn1.git", from: "1.7.4"),
        // OpenTelemetry over OTLP/gRPC only: the HTTP trait would add nothing Go's SDK speaks.
        .package(url: "https://github.com/swift-otel/swift-otel.git", from: "1.6.0", traits: ["OTLPGRPC"]),
        .package(url: "https://github.com/apple/swift-distributed-tracing.git", from: "1.7.3"),
    ],
    targets: [
        // System libraries: the machine's libsqlite3, libzstd and zlib (Debian -dev packages). On Linux they are
        // found without pkg-config: SwiftPM turns a .pc file's -L${libdir} into a -L flag ahead of any other,
        // which would make `make build` link the shared libraries instead of the static ones it asks for.
        .systemLibrary(
            name: "CSQLite", path: "Sources/CSQLite", pkgConfig: systemPkgConfig("sqlite3"),
            providers: [.apt(["libsqlite3-dev"])]),
        .systemLibrary(
            name: "CZstd", path: "Sources/CZstd", pkgConfig: systemPkgConfig("libzstd"),
            providers: [.apt(["libzstd-dev"])]),
        .systemLibrary(
            name: "CZlib", path: "Sources/CZlib", pkgConfig: systemPkgConfig("zlib"), providers: [.apt(["zlib1g-dev"])]),

        // The SDK.
        .target(name: "BatonProto", dependencies: [protobuf]),
        .target(name: "BatonJSON"),
        .target(name: "BatonSDK", dependencies: ["BatonProto", "BatonJSON"]),
        .target(
            name: "BatonHTTP",
            dependencies: [
                "BatonSDK", "BatonJSON", asyncHTTPClient, crypto, cryptoExtras, nioCore, nioHTTP1, nioPosix, logging,
            ]),
        .target(name: "BatonConfig", dependencies: ["BatonSDK", "BatonProto", yams]),
        .target(name: "BatonStore", dependencies: ["BatonProto", "CSQLite", "CZstd"]),
        .target(name: "BatonSync", dependencies: ["BatonSDK", "BatonStore", logging, tracing]),
        // Service mode: a connector served over the Go SDK's connector-service protocol, and a remote one synced.
        .target(name: "CSpawn"),
        .target(
            name: "BatonService",
            dependencies: [
                "BatonSDK", "BatonProto", "CSpawn", grpcCore, grpcPosix, grpcProtobuf, nioCore, nioPosix, nioSSL,
                crypto, logging,
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
            ]),
        .target(
            name: "BatonCLI",
            dependencies: [
                "BatonSDK", "BatonConfig", "BatonStore", "BatonSync", "BatonHTTP", "BatonService", "BatonTelemetry",
                "BatonDaemon", logging,
            ]),
        .target(
            name: "BatonInspect",
            dependencies: [
                "BatonSDK", "BatonStore", "BatonProto", "BatonCLI", "BatonService", "BatonServer", argumentParser,
                crypto,
                hummingbird, httpTypes, logging, nioCore,
            ]),
        .executableTarget(name: "baton", dependencies: ["BatonInspect"]),
        // A Hummingbird server in the background on a known port: the explorer, health checks, the mocks.
        .target(
            name: "BatonServer",
            dependencies: [
                hummingbird, .product(name: "HummingbirdCore", package: "hummingbird"), logging,
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ]),
        // Daemon mode: tasks from ConductorOne (token, task loop, heartbeats, uploads, health endpoints).
        .target(
            name: "BatonDaemon",
            dependencies: [
                "BatonSDK", "BatonProto", "BatonStore", "BatonSync", "BatonHTTP", "BatonService", asyncHTTPClient,
                crypto, grpcCore, grpcPosix, grpcProtobuf, hummingbird, httpTypes, logging, nioCore, nioHTTP1, nioPosix,
                nioSSL, tracing, "BatonServer",
            ]),
        // OpenTelemetry export (traces and logs over OTLP/gRPC) behind the swift-distributed-tracing API.
        .target(
            name: "BatonTelemetry",
            dependencies: [
                "BatonSDK", logging, tracing, .product(name: "OTel", package: "swift-otel"), nioSSL,
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]),
        // Releases and the connector registry: archives, signatures, SBOM, the registry client.
        .target(name: "BatonRelease", dependencies: ["BatonHTTP", "BatonSDK", "CZlib", crypto]),
        // New connectors (`baton-connector init`) and the publishing checklist (`baton-connector validate`).
        .target(name: "BatonScaffold"),
        .executableTarget(name: "baton-connector", dependencies: ["BatonRelease", "BatonScaffold", argumentParser]),
        // Benchmarks: a plain release-mode executable (`make bench`), never run by the tests.
        .executableTarget(
            name: "baton-bench",
            dependencies: ["BatonSDK", "BatonStore", "BatonSync", "BatonInspect", asyncHTTPClient, nioCore, nioHTTP1]),

        // The demo connector: in memory, no service and no mock; the shape a new connector starts from.
        .target(name: "DemoConnector", dependencies: ["BatonSDK"], path: "Connectors/Demo/Sources"),
        .executableTarget(
            name: "baton-demo", dependencies: ["DemoConnector", "BatonCLI"], path: "Connectors/Demo/Main"),

        // Mock services: the kit and the `baton-mock` executable; each service's mock comes with its connector.
        .target(
            name: "MockKit",
            dependencies: [
                "BatonJSON", "BatonServer", hummingbird, httpTypes, logging, nioCore, nioHTTP1, crypto, cryptoExtras,
            ],
            path: "Mocks/Kit"),
        .target(
            name: "MockRegistry",
            dependencies: ["MockKit", "BatonRelease", "BatonStore", hummingbird, httpTypes, nioCore, crypto],
            path: "Mocks/Registry"),
        // ConductorOne's token endpoint and task service, for daemon mode.
        .target(
            name: "MockConductorOne",
            dependencies: [
                "MockKit", "BatonProto", "BatonService", "BatonSDK", "BatonServer", hummingbird, httpTypes, nioCore,
                nioPosix, nioSSL,
                crypto, grpcCore, grpcPosix, grpcProtobuf, logging,
                .product(name: "HummingbirdHTTP2", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
            ],
            path: "Mocks/ConductorOne"),
        .executableTarget(
            name: "baton-mock",
            dependencies: ["MockKit", "MockRegistry", "MockConductorOne", argumentParser]
                + serviceConnectors.map { .byName(name: $0.mock) },
            path: "Mocks/Server"),

        // Shared test support.
        .target(
            name: "BatonTestSupport", dependencies: ["BatonSDK", "BatonStore", "BatonSync", "BatonHTTP"],
            path: "Shared/TestSupport"),
        .target(
            name: "MockTestSupport", dependencies: ["MockKit", "BatonTestSupport", asyncHTTPClient, nioCore, nioHTTP1],
            path: "Shared/MockTestSupport"),

        // Tests.
        .testTarget(name: "BatonProtoTests", dependencies: ["BatonProto"]),
        .testTarget(name: "BatonSDKTests", dependencies: ["BatonSDK"]),
        .testTarget(
            name: "BatonHTTPTests",
            dependencies: [
                "BatonHTTP", "BatonSDK", "BatonJSON", asyncHTTPClient, crypto, cryptoExtras, nioCore, nioPosix,
                nioHTTP1,
                logging,
            ]),
        .testTarget(name: "BatonConfigTests", dependencies: ["BatonConfig", "BatonSDK", "BatonTestSupport"]),
        .testTarget(name: "BatonStoreTests", dependencies: ["BatonStore", "BatonTestSupport"]),
        .testTarget(
            name: "BatonReleaseTests", dependencies: ["BatonRelease", "BatonTestSupport", "MockRegistry", "MockKit"]),
        .testTarget(name: "BatonScaffoldTests", dependencies: ["BatonScaffold"]),
        .testTarget(name: "BatonSyncTests", dependencies: ["BatonSync", "DemoConnector", "BatonTestSupport"]),
        .testTarget(
            name: "BatonServiceTests",
            dependencies: [
                "BatonService", "BatonInspect", "BatonSDK", "BatonProto", "BatonSync", "BatonStore", "BatonTestSupport",
                "DemoConnector",
                "OktaConnector", "MockOkta", "MockKit", "MockTestSupport", grpcCore, grpcPosix, grpcProtobuf, nioCore,
                nioPosix, nioSSL,
                crypto, logging, .product(name: "X509", package: "swift-certificates"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
            ]),
        .testTarget(
            name: "BatonReportTests",
            dependencies: [
                "BatonInspect", "BatonStore", "BatonProto", "BatonSDK", "BatonSync", "BatonHTTP", "BatonTestSupport",
                "DemoConnector", "OktaConnector", "MockOkta", "MockKit", argumentParser, asyncHTTPClient, nioCore,
                nioHTTP1,
            ]),
        .testTarget(
            name: "BatonInspectTests", dependencies: ["BatonInspect", "BatonStore", "BatonProto", "BatonTestSupport"]),
        .testTarget(
            name: "BatonCLITests",
            dependencies: [
                "BatonCLI", "BatonConfig", "BatonSDK", "BatonStore", "BatonSync", "DemoConnector", "BatonTestSupport",
                logging,
            ]),
        .testTarget(name: "DemoConnectorTests", dependencies: ["DemoConnector", "BatonSDK"]),
        .testTarget(
            name: "BatonDaemonTests",
            dependencies: [
                "BatonDaemon", "BatonCLI", "BatonSDK", "BatonProto", "BatonStore", "BatonSync", "BatonTestSupport",
                "DemoConnector", "OktaConnector", "MockOkta", "MockKit", "MockConductorOne", "MockTestSupport",
                asyncHTTPClient, crypto, grpcCore, logging, nioCore, nioHTTP1, nioPosix,
            ]),
        .testTarget(
            name: "MockConductorOneTests",
            dependencies: [
                "MockConductorOne", "MockKit", "MockTestSupport", "BatonProto", "BatonService", asyncHTTPClient, crypto,
                grpcCore, grpcPosix, grpcProtobuf, nioCore, nioSSL,
            ]),
        .testTarget(
            name: "BatonTelemetryTests",
            dependencies: [
                "BatonTelemetry", "BatonSDK", "BatonSync", "BatonTestSupport", "DemoConnector", logging, tracing,
            ]),
        // Fuzzing (`make fuzz`): the targets' bodies and contracts, replayed over their corpora by the tests.
        .target(
            name: "BatonFuzz",
            dependencies: [
                "BatonStore", "BatonProto", "BatonHTTP", "BatonJSON", "BatonSDK", "BatonConfig", "OktaConnector",
                "GitHubConnector", "JiraConnector", "MockKit", "MockRegistry", "BatonService", "BatonDaemon",
                asyncHTTPClient, nioCore,
                nioHTTP1,
            ],
            path: "Tests/Fuzz/Targets"),
        .testTarget(
            name: "BatonFuzzTests",
            dependencies: [
                "BatonFuzz", "BatonHTTP", "BatonSDK", "MockKit", "OktaConnector", "GitHubConnector", "JiraConnector",
            ]),
        .testTarget(
            name: "MockKitTests",
            dependencies: ["MockKit", "MockTestSupport", hummingbird, httpTypes, asyncHTTPClient, nioCore, nioHTTP1]),
    ] + serviceConnectors.flatMap(\.targets) + fuzzTargets,
    swiftLanguageModes: [.v6]
)

for target in package.targets where target.type != .system && target.name != "CSpawn" {
    target.swiftSettings = (target.swiftSettings ?? []) + strictSettings
}
