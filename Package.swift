// swift-tools-version: 6.1
import PackageDescription

/// Settings every first-party target shares: Swift 6 mode plus the upcoming features that keep
/// imports and existentials explicit.
let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

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
        .executable(name: "baton-okta", targets: ["baton-okta"]),
        .executable(name: "baton-jira", targets: ["baton-jira"]),
        .executable(name: "baton-github", targets: ["baton-github"]),
    ],
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
    ],
    targets: [
        // System libraries: the machine's libsqlite3 and libzstd (Debian -dev packages).
        .systemLibrary(
            name: "CSQLite", path: "Sources/CSQLite", pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"])]),
        .systemLibrary(
            name: "CZstd", path: "Sources/CZstd", pkgConfig: "libzstd",
            providers: [.apt(["libzstd-dev"])]),

        // The SDK.
        .target(name: "BatonProto", dependencies: [protobuf], swiftSettings: strictSettings),
        .target(name: "BatonSDK", dependencies: ["BatonProto", logging], swiftSettings: strictSettings),
        .target(
            name: "BatonHTTP",
            dependencies: ["BatonSDK", asyncHTTPClient, crypto, cryptoExtras, nioCore, nioHTTP1, nioPosix, logging],
            swiftSettings: strictSettings),
        .target(name: "BatonConfig", dependencies: ["BatonProto", yams], swiftSettings: strictSettings),
        .target(
            name: "BatonStore", dependencies: ["BatonSDK", "BatonProto", "CSQLite", "CZstd", logging],
            swiftSettings: strictSettings),
        .target(name: "BatonSync", dependencies: ["BatonSDK", "BatonStore", logging], swiftSettings: strictSettings),
        .target(
            name: "BatonCLI",
            dependencies: ["BatonSDK", "BatonConfig", "BatonStore", "BatonSync", "BatonHTTP", logging],
            swiftSettings: strictSettings),
        .target(
            name: "BatonInspect",
            dependencies: [
                "BatonSDK", "BatonStore", "BatonProto", argumentParser, crypto, hummingbird, httpTypes, logging, nioCore,
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strictSettings),
        .executableTarget(name: "baton", dependencies: ["BatonInspect"], swiftSettings: strictSettings),
        // Benchmarks: a plain release-mode executable (`make bench`), never run by the tests.
        .executableTarget(
            name: "baton-bench",
            dependencies: ["BatonSDK", "BatonStore", "BatonSync", "BatonInspect", "DemoConnector", asyncHTTPClient, nioCore, nioHTTP1],
            swiftSettings: strictSettings),

        // Connectors: a library with the connector, a tiny executable around it.
        .target(
            name: "DemoConnector", dependencies: ["BatonSDK"], path: "Connectors/Demo/Sources",
            swiftSettings: strictSettings),
        .executableTarget(
            name: "baton-demo", dependencies: ["DemoConnector", "BatonCLI"], path: "Connectors/Demo/Main",
            swiftSettings: strictSettings),
        .target(
            name: "OktaConnector", dependencies: ["BatonSDK", "BatonHTTP", "BatonConfig"],
            path: "Connectors/Okta/Sources", swiftSettings: strictSettings),
        .executableTarget(
            name: "baton-okta", dependencies: ["OktaConnector", "BatonCLI"], path: "Connectors/Okta/Main",
            swiftSettings: strictSettings),
        .target(
            name: "JiraConnector", dependencies: ["BatonSDK", "BatonHTTP", "BatonConfig"],
            path: "Connectors/Jira/Sources", swiftSettings: strictSettings),
        .executableTarget(
            name: "baton-jira", dependencies: ["JiraConnector", "BatonCLI"], path: "Connectors/Jira/Main",
            swiftSettings: strictSettings),
        .target(
            name: "GitHubConnector", dependencies: ["BatonSDK", "BatonHTTP", "BatonConfig", logging],
            path: "Connectors/GitHub/Sources", swiftSettings: strictSettings),
        .executableTarget(
            name: "baton-github", dependencies: ["GitHubConnector", "BatonCLI"], path: "Connectors/GitHub/Main",
            swiftSettings: strictSettings),

        // Mock services: the kit, one library per service, and the `baton-mock` executable.
        .target(
            name: "MockKit",
            dependencies: [
                hummingbird, httpTypes, logging, nioCore, nioHTTP1, crypto, cryptoExtras,
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ],
            path: "Mocks/Kit", swiftSettings: strictSettings),
        .target(
            name: "MockOkta", dependencies: ["MockKit", hummingbird, httpTypes, nioCore], path: "Mocks/Okta",
            swiftSettings: strictSettings),
        .target(
            name: "MockJira", dependencies: ["MockKit", hummingbird, httpTypes, nioCore], path: "Mocks/Jira",
            swiftSettings: strictSettings),
        .target(
            name: "MockGitHub", dependencies: ["MockKit", hummingbird, httpTypes, nioCore], path: "Mocks/GitHub",
            swiftSettings: strictSettings),
        .executableTarget(
            name: "baton-mock", dependencies: ["MockKit", "MockOkta", "MockJira", "MockGitHub", argumentParser],
            path: "Mocks/Server", swiftSettings: strictSettings),

        // Shared test support.
        .target(
            name: "BatonTestSupport", dependencies: ["BatonSDK", "BatonStore", "BatonSync", "BatonHTTP"],
            path: "Shared/TestSupport",
            swiftSettings: strictSettings),

        .target(
            name: "MockTestSupport", dependencies: ["MockKit", asyncHTTPClient, nioCore, nioHTTP1],
            path: "Shared/MockTestSupport", swiftSettings: strictSettings),

        // Tests.
        .testTarget(name: "BatonProtoTests", dependencies: ["BatonProto"], swiftSettings: strictSettings),
        .testTarget(name: "BatonSDKTests", dependencies: ["BatonSDK", "BatonTestSupport"], swiftSettings: strictSettings),
        .testTarget(name: "BatonHTTPTests", dependencies: ["BatonHTTP", "BatonSDK", asyncHTTPClient, crypto, cryptoExtras, nioCore, nioPosix, nioHTTP1, logging], swiftSettings: strictSettings),
        .testTarget(name: "BatonConfigTests", dependencies: ["BatonConfig"], swiftSettings: strictSettings),
        .testTarget(
            name: "BatonStoreTests", dependencies: ["BatonStore", "BatonTestSupport"], swiftSettings: strictSettings),
        .testTarget(
            name: "BatonSyncTests", dependencies: ["BatonSync", "DemoConnector", "BatonTestSupport"],
            swiftSettings: strictSettings),
        .testTarget(
            name: "BatonReportTests",
            dependencies: [
                "BatonInspect", "BatonStore", "BatonProto", "BatonSDK", "BatonSync", "BatonHTTP", "BatonTestSupport",
                "DemoConnector", "OktaConnector", "MockOkta", "MockKit", argumentParser, asyncHTTPClient, nioCore,
                nioHTTP1,
            ],
            swiftSettings: strictSettings),
        .testTarget(
            name: "BatonInspectTests", dependencies: ["BatonInspect", "BatonStore", "BatonProto", "BatonTestSupport"],
            swiftSettings: strictSettings),
        .testTarget(
            name: "BatonCLITests",
            dependencies: [
                "BatonCLI", "BatonConfig", "BatonSDK", "BatonStore", "BatonSync", "DemoConnector", "BatonTestSupport",
                logging,
            ],
            swiftSettings: strictSettings),
        .testTarget(
            name: "DemoConnectorTests", dependencies: ["DemoConnector", "BatonTestSupport"],
            swiftSettings: strictSettings),
        .testTarget(
            name: "OktaConnectorTests",
            dependencies: ["OktaConnector", "BatonSync", "BatonTestSupport", "MockOkta", "MockKit"],
            swiftSettings: strictSettings),
        .testTarget(
            name: "MockKitTests", dependencies: ["MockKit", hummingbird, httpTypes, asyncHTTPClient, nioCore, nioHTTP1],
            swiftSettings: strictSettings),
        .testTarget(
            name: "GitHubConnectorTests",
            dependencies: [
                "GitHubConnector", "BatonSync", "BatonTestSupport", "MockGitHub", "MockKit", "BatonHTTP", crypto,
                cryptoExtras,
            ],
            swiftSettings: strictSettings),
        .testTarget(
            name: "MockGitHubTests",
            dependencies: ["MockTestSupport", "MockGitHub", "MockKit", asyncHTTPClient, nioCore, nioHTTP1, crypto, cryptoExtras],
            swiftSettings: strictSettings),
        .testTarget(
            name: "MockOktaTests",
            dependencies: ["MockTestSupport", "MockOkta", "MockKit", asyncHTTPClient, nioCore, nioHTTP1, crypto, cryptoExtras],
            swiftSettings: strictSettings),
        .testTarget(
            name: "MockJiraTests", dependencies: ["MockTestSupport", "MockJira", "MockKit", asyncHTTPClient, nioCore, nioHTTP1],
            swiftSettings: strictSettings),
        .testTarget(
            name: "JiraConnectorTests",
            dependencies: ["JiraConnector", "BatonSync", "BatonTestSupport", "MockJira", "MockKit", "BatonConfig"],
            swiftSettings: strictSettings),
    ],
    swiftLanguageModes: [.v6]
)
