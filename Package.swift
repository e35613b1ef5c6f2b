// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "sosik",
    products: [
        .executable(name: "sosik", targets: ["sosik"]),
        .library(name: "SosikText", targets: ["SosikText"]),
        .library(name: "SosikIngest", targets: ["SosikIngest"]),
        .library(name: "SosikIndex", targets: ["SosikIndex"]),
        .library(name: "SosikOpenSearch", targets: ["SosikOpenSearch"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        // System ICU (libicu-dev) behind a header that names no ICU type (sosik_icu.h says
        // why: ICU's version-renamed functions, and its headers clashing with the copy inside
        // Foundation). Only sosik_icu.c includes ICU; SosikText imports it like any module.
        .target(
            name: "CSosikICU",
            linkerSettings: [.linkedLibrary("icui18n"), .linkedLibrary("icuuc"), .linkedLibrary("icudata")]
        ),
        // lexicon.tsv and glossary.txt (Sources/SosikText/Resources, their only copy) compiled
        // into the binary by C23's #embed: sosik is one file. A change to either rebuilds it.
        .target(
            name: "CSosikData",
            cSettings: [.unsafeFlags(["-std=c23"])]
        ),
        // The analyzer: no Foundation, no GRDB.
        .target(
            name: "SosikText",
            dependencies: ["CSosikICU", "CSosikData"],
            exclude: ["Resources"]
        ),
        // SQL functions in C: sosik_evidence, what the ranking scores an article and its
        // passages from (it runs once per matching row inside FTS5, through the fts5 extension
        // API), and sosik_text/sosik_deflate, the compressed passage text (zlib, zlib1g-dev).
        .target(
            name: "CSosikSQL",
            linkerSettings: [.linkedLibrary("sqlite3"), .linkedLibrary("z")]
        ),
        // libxml2's HTML parser (the one under lxml and trafilatura) and XML parser (feeds),
        // behind a C face that names no libxml2 type: its headers include ICU's, which clash
        // with Foundation's (see sosik_markup.h). libxml2-dev. And streamed gunzip (zlib).
        .target(
            name: "CSosikFormats",
            cSettings: [.unsafeFlags(["-I/usr/include/libxml2"])],
            linkerSettings: [.linkedLibrary("xml2"), .linkedLibrary("z")]
        ),
        // Formats → Article: one reader per format, encodings, dates, languages, main-content
        // extraction, passage splitting. No SQLite.
        .target(
            name: "SosikIngest",
            dependencies: ["SosikText", "CSosikFormats"]
        ),
        .target(
            name: "SosikIndex",
            dependencies: ["SosikText", "SosikIngest", "CSosikSQL", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        // OpenSearch (issue 26): export, push, and search over a cluster with sosik's analysis,
        // query compiler and ranking; HTTP through Foundation's URLSession (libcurl on Linux).
        .target(
            name: "SosikOpenSearch",
            dependencies: ["SosikIndex", "SosikText", "CSosikFormats"]
        ),
        .executableTarget(
            name: "sosik",
            dependencies: ["SosikIndex", "SosikOpenSearch", "SosikIngest", "SosikText", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .testTarget(name: "SosikTextTests", dependencies: ["SosikText"]),
        .testTarget(name: "SosikIngestTests", dependencies: ["SosikIngest"]),
        .testTarget(name: "SosikIndexTests", dependencies: ["SosikIndex", "SosikIngest", "SosikText"]),
        .testTarget(name: "SosikOpenSearchTests", dependencies: ["SosikOpenSearch", "SosikIndex"]),
        .testTarget(name: "SosikCLITests", dependencies: ["sosik"]),
    ]
)
