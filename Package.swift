// swift-tools-version:6.0
import PackageDescription

/// libnifti ships no pkg-config file and its headers include `<znzlib.h>` from their own folder.
let niftiInclude: [SwiftSetting] = [.unsafeFlags(["-Xcc", "-I/usr/include/nifti"])]

let package = Package(
    name: "Haven",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "haven", targets: ["haven"]),
        .executable(name: "haven-metrics-bench", targets: ["haven-metrics-bench"]),
        .executable(name: "haven-ledger-bench", targets: ["haven-ledger-bench"]),
        .executable(name: "haven-queue-bench", targets: ["haven-queue-bench"]),
        .executable(name: "haven-policy-bench", targets: ["haven-policy-bench"]),
    ],
    targets: [
        // Layer 1: C libraries from Debian, and one shim for what Swift cannot call.
        .systemLibrary(name: "CPostgres", pkgConfig: "libpq", providers: [.apt(["libpq-dev"])]),
        .systemLibrary(name: "CCurl", pkgConfig: "libcurl", providers: [.apt(["libcurl4-openssl-dev"])]),
        .systemLibrary(name: "COpenSSL", pkgConfig: "openssl", providers: [.apt(["libssl-dev"])]),
        .systemLibrary(name: "CNIfTI", providers: [.apt(["libnifti2-dev"])]),
        .systemLibrary(
            name: "CMicroHTTPD", pkgConfig: "libmicrohttpd", providers: [.apt(["libmicrohttpd-dev"])]),
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        .systemLibrary(name: "CYAML", pkgConfig: "yaml-0.1", providers: [.apt(["libyaml-dev"])]),
        .target(name: "CHavenShims", dependencies: ["CCurl", "CMicroHTTPD"]),

        // Layer 2: wrapper modules, the only code that imports a C module.
        .target(name: "HavenLogging"),
        .target(name: "PostgresClient", dependencies: ["CPostgres", "HavenLogging"]),
        .target(name: "HTTPServer", dependencies: ["CMicroHTTPD", "CHavenShims", "HavenLogging", "HavenCrypto"]),
        .target(name: "HTTPClient", dependencies: ["CCurl", "CHavenShims"]),
        .target(name: "HavenCrypto", dependencies: ["COpenSSL"]),
        .target(name: "NIfTI", dependencies: ["CNIfTI", "CZlib"], swiftSettings: niftiInclude),
        .target(name: "PNGImage", dependencies: ["CZlib"]),
        .target(name: "YAML", dependencies: ["CYAML"]),

        // Layer 3: the pure domain core.
        .target(name: "HavenCore"),

        // Layer 4: services that bind the core to PostgreSQL, storage and compute, and the HTTP API.
        .target(
            name: "HavenServices",
            dependencies: [
                "HavenCore", "HavenLogging", "PostgresClient", "HTTPServer", "HTTPClient", "HavenCrypto",
                "NIfTI", "PNGImage", "YAML", "CHavenShims",
            ]),

        // Layer 5: the one executable.
        .executableTarget(name: "haven", dependencies: ["HavenServices"]),
        .executableTarget(
            name: "haven-metrics-bench", dependencies: ["HavenCore", "NIfTI", "PNGImage"],
            path: "Benchmarks/MetricsBenchmark", swiftSettings: niftiInclude),
        .executableTarget(
            name: "haven-ledger-bench", dependencies: ["HavenCore", "HavenServices"],
            path: "Benchmarks/LedgerBenchmark", swiftSettings: niftiInclude),
        .executableTarget(
            name: "haven-queue-bench", dependencies: ["HavenServices"], path: "Benchmarks/QueueBenchmark",
            swiftSettings: niftiInclude),
        .executableTarget(name: "haven-policy-bench", dependencies: ["HavenCore"], path: "Benchmarks/PolicyBenchmark"),

        .target(name: "HavenTestSupport", dependencies: ["PostgresClient"], path: "Tests/HavenTestSupport"),
        .testTarget(name: "HavenCoreTests", dependencies: ["HavenCore"]),
        .testTarget(name: "HavenLoggingTests", dependencies: ["HavenLogging"]),
        .testTarget(name: "PostgresClientTests", dependencies: ["PostgresClient", "HavenTestSupport"]),
        .testTarget(name: "HTTPServerTests", dependencies: ["HTTPServer", "HTTPClient"]),
        .testTarget(name: "HavenCryptoTests", dependencies: ["HavenCrypto"]),
        .testTarget(name: "YAMLTests", dependencies: ["YAML"]),
        .testTarget(
            name: "NIfTITests", dependencies: ["NIfTI", "HavenCore", "PNGImage"], swiftSettings: niftiInclude),
        .testTarget(
            name: "HavenServicesTests", dependencies: ["HavenServices", "HavenTestSupport"],
            swiftSettings: niftiInclude),
        .testTarget(name: "HavenCLITests", dependencies: ["HavenTestSupport", "PostgresClient", "HTTPClient"]),
    ],
    swiftLanguageModes: [.v6]
)
