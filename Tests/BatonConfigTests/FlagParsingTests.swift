import BatonConfig
import Testing

/// pflag-compatible command-line syntax.
@Suite struct FlagParsingTests {
    let schema: ConfigSchema

    init() throws {
        schema = try makeSchema([
            .string("domain").shortHand("d"),
            .string("api-token").secret(),
            .bool("dry-run").shortHand("n"),
            .int("page-size"),
            .stringList("scopes"),
            .stringMap("headers"),
        ])
    }

    @Test func longFlagsWithSpaceOrEquals() throws {
        let config = try resolve(schema, ["--domain", "acme.example", "--page-size=50", "--file", "out.c1z"])
        #expect(config.string("domain") == "acme.example")
        #expect(config.int("page-size") == 50)
        #expect(config.string("file") == "out.c1z")
    }

    @Test func shortFlagsInEveryForm() throws {
        #expect(try resolve(schema, ["-d", "a.example"]).string("domain") == "a.example")
        #expect(try resolve(schema, ["-db.example"]).string("domain") == "b.example")
        #expect(try resolve(schema, ["-d=c.example"]).string("domain") == "c.example")
        let clustered = try resolve(schema, ["-npf", "x.c1z"])
        #expect(clustered.bool("dry-run"))
        #expect(clustered.bool("provisioning"))
        #expect(clustered.string("file") == "x.c1z")
    }

    @Test func boolFlagsTakeNoSeparateValue() throws {
        let config = try resolve(schema, ["--dry-run", "sync"])
        #expect(config.bool("dry-run"))
        #expect(config.positionalArguments == ["sync"])
        #expect(try resolve(schema, ["--dry-run=false"]).bool("dry-run") == false)
        #expect(try resolve(schema, ["--dry-run=false"]).source(of: "dry-run") == .flag)
        #expect(try resolve(schema, ["-n=0"]).bool("dry-run") == false)
    }

    @Test func listsRepeatOrSplitAtCommas() throws {
        let config = try resolve(schema, ["--scopes", "read,write", "--scopes=admin", "--scopes", "\"a,b\",c"])
        #expect(config.stringList("scopes") == ["read", "write", "admin", "a,b", "c"])
        #expect(try resolve(schema, ["--scopes="]).stringList("scopes") == [])
    }

    @Test func mapsAreKeyValuePairs() throws {
        let config = try resolve(schema, ["--headers", "a=1,b=x=y", "--headers=c="])
        #expect(config.stringMap("headers") == ["a": "1", "b": "x=y", "c": ""])
        let error = configError { _ = try resolve(schema, ["--headers", "novalue"]) }
        #expect(
            error?.message
                == "invalid argument \"novalue\" for \"--headers\" flag: each item must be formatted as key=value")
    }

    @Test func negativeNumbersAndRadixPrefixes() throws {
        #expect(try resolve(schema, ["--workers", "-1"]).int("workers") == -1)
        #expect(try resolve(schema, ["--page-size=0x10"]).int("page-size") == 16)
    }

    @Test func lastScalarOccurrenceWins() throws {
        #expect(try resolve(schema, ["--domain=a", "--domain=b"]).string("domain") == "b")
    }

    @Test func unknownFlagsAreRejected() {
        #expect(configError { _ = try resolve(schema, ["--nope"]) }?.message == "unknown flag: --nope")
        #expect(configError { _ = try resolve(schema, ["--nope=secret"]) }?.message == "unknown flag: --nope")
        #expect(configError { _ = try resolve(schema, ["-z"]) }?.message == "unknown shorthand flag: 'z' in -z")
        #expect(configError { _ = try resolve(schema, ["-nz"]) }?.code == .invalidArgument)
    }

    @Test func missingValuesAreRejected() {
        #expect(configError { _ = try resolve(schema, ["--domain"]) }?.message == "flag needs an argument: --domain")
        #expect(
            configError { _ = try resolve(schema, ["--domain", "--dry-run"]) }?.message
                == "flag needs an argument: --domain")
        #expect(configError { _ = try resolve(schema, ["-d"]) }?.message == "flag needs an argument: 'd' in -d")
    }

    @Test func malformedValuesAreRejected() {
        #expect(
            configError { _ = try resolve(schema, ["--page-size", "ten"]) }?.message
                == "invalid argument \"ten\" for \"--page-size\" flag: not an integer")
        #expect(
            configError { _ = try resolve(schema, ["--dry-run=perhaps"]) }?.message
                == "invalid argument \"perhaps\" for \"--dry-run\" flag: not a boolean")
    }

    @Test func helpVersionAndDoubleDash() throws {
        let config = try resolve(schema, ["-h", "--version", "config", "--", "--domain", "x"])
        #expect(config.helpRequested)
        #expect(config.versionRequested)
        #expect(config.positionalArguments == ["config", "--domain", "x"])
        #expect(config.string("domain") == "")
    }
}
