import BatonConfig
import Testing

/// Schema construction: defaults, duplicates, programmer errors.
@Suite struct SchemaTests {
    @Test func defaultFieldsMatchTheReferenceTable() throws {
        let schema = try makeSchema([])
        let file = try #require(schema.field(named: "file"))
        #expect(file.shortHand == "f")
        #expect(file.defaultValue == .string("sync.c1z"))
        #expect(schema.field(named: "provisioning")?.shortHand == "p")
        #expect(schema.field(named: "log-level")?.defaultValue == .string("info"))
        #expect(schema.field(named: "log-level")?.exportTarget == .ops)
        #expect(schema.field(named: "log-format")?.defaultValue == .string("json"))
        #expect(schema.field(named: "http-timeout-seconds")?.defaultValue == .int(300))
        #expect(schema.field(named: "workers")?.defaultValue == .int(0))
        #expect(schema.field(named: "session-store-maximum-size")?.defaultValue == .int(15_728_640))
        #expect(schema.field(named: "health-check-port")?.defaultValue == .int(8081))
        #expect(schema.field(named: "health-check-bind-address")?.defaultValue == .string("127.0.0.1"))
        #expect(schema.field(named: "invoke-action-args")?.defaultValue == .string("{}"))
        #expect(schema.field(named: "task-concurrency")?.defaultValue == .int(3))
        #expect(schema.field(named: "sync-resources")?.variant == .stringList)
        #expect(schema.field(named: "grant-entitlement")?.isHidden == true)
        #expect(schema.field(named: "client-secret")?.isSecret == true)
        #expect(schema.field(named: "event-feed-start-at")?.defaultValue == .string("2023-11-13T22:13:20Z"))
        let terminal = ConfigSchema.defaultFields(DefaultFieldOptions(stdoutIsTerminal: true, now: 0))
        #expect(terminal.first { $0.name == "log-format" }?.defaultValue == .string("console"))
        #expect(schema.relationships.count == ConfigSchema.defaultRelationships.count)
    }

    @Test func defaultsAreResolvedWithoutInput() throws {
        let config = try resolve(makeSchema([]))
        #expect(config.string("file") == "sync.c1z")
        #expect(config.string("log-level") == "info")
        #expect(config.int("http-timeout-seconds") == 300)
        #expect(config.bool("provisioning") == false)
        #expect(config.source(of: "file") == .default)
        #expect(!config.isSet("file"))
    }

    @Test func duplicateNamesAreRejected() {
        #expect(
            configError { _ = try makeSchema([.string("domain"), .int("domain")]) }?.message
                == "multiple fields with the same name: domain")
        #expect(
            configError { _ = try makeSchema([.string("log-level")]) }?.message
                == "multiple fields with the same name: log-level")
    }

    @Test func defaultFieldsCanBeReExported() throws {
        let logLevel = try #require(ConfigSchema.defaultFields(fixedDefaults).first { $0.name == "log-level" })
        let schema = try makeSchema([logLevel.exportAs(.gui)])
        #expect(schema.field(named: "log-level")?.exportTarget == .gui)
        #expect(schema.fields.filter { $0.name == "log-level" }.count == 1)
    }

    @Test func programmerErrorsThrowInsteadOfCrashing() {
        let cases: [(ConfigField, String)] = [
            (.bool("enabled").required(), "field enabled: a bool field cannot be required"),
            (
                .int("count").defaultValue("ten"),
                "field count: default value is a StringField but the field is a IntField"
            ),
            (.int("count").stringRules { $0.minLen = 1 }, "field count: StringField rules on a IntField"),
            (.string("code").stringRules { $0.pattern = "(" }, "field code: invalid pattern: ("),
            (.string("x y"), "invalid field name 'x y'"),
            (.string("help"), "field name 'help' is reserved"),
            (.string("host").shortHand("h"), "field host: invalid shorthand 'h'"),
        ]
        for (field, message) in cases {
            let error = configError { _ = try makeSchema([field], includeDefaults: false) }
            #expect(error?.code == .invalidSchema)
            #expect(error?.message == message)
        }
        #expect(
            configError { _ = try makeSchema([.string("fast").shortHand("f")]) }?.message
                == "shorthand 'f' is used by both 'file' and 'fast'")
    }

    @Test func dumpsRedactSecrets() throws {
        let schema = try makeSchema([.string("api-token").secret(), .string("domain")], includeDefaults: false)
        let config = try resolve(schema, ["--api-token", "hunter2", "--domain", "acme"])
        #expect(config.string("api-token") == "hunter2")
        let text = config.description
        #expect(!text.contains("hunter2"))
        #expect(text.contains("api-token: \"***\" (flag)"))
        #expect(text.contains("domain: \"acme\" (flag)"))
        #expect(!String(reflecting: config).contains("hunter2"))
        var dumped = ""
        dump(config, to: &dumped)
        #expect(!dumped.contains("hunter2"))
        #expect(dumped.contains("api-token"))
    }

    @Test func gettersConvertLikeViper() throws {
        let schema = try makeSchema([])
        let config = try resolve(schema, ["--event-feed", "true", "--workers", "4"])
        #expect(config.bool("event-feed"))
        #expect(config.string("workers") == "4")
        #expect(config.string("no-such-field") == "")
        #expect(config.value("no-such-field") == nil)
    }
}
