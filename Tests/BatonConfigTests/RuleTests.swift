import BatonConfig
import Testing

/// Field rules: the reference's messages, aggregated under `errors found:`, secrets redacted.
@Suite struct RuleTests {
    /// The message of validating one field set by `arguments`.
    func problem(_ field: ConfigField, _ arguments: [String]) throws -> String? {
        let schema = try makeSchema([field], includeDefaults: false)
        return configError { try resolve(schema, arguments).validate() }?.message
    }

    @Test func requiredFieldsNameTheirGoType() throws {
        let expected: [(ConfigField, String)] = [
            (.string("s").required(), "field s of type string is marked as required but it has a zero-value"),
            (.int("i").required(), "field i of type int is marked as required but it has a zero-value"),
            (.stringList("l").required(), "field l of type []string is marked as required but it has a zero-value"),
            (
                .stringMap("m").required(),
                "field m of type map[string]any is marked as required but it has a zero-value"
            ),
        ]
        for (field, message) in expected {
            #expect(try problem(field, []) == "errors found:\n" + message)
        }
    }

    @Test func everyProblemIsCollected() throws {
        let schema = try makeSchema(
            [.string("a").required(), .int("b").intRules { $0.gte = 10 }, .string("c").required()],
            includeDefaults: false)
        let error = configError { try resolve(schema, ["--b=3"]).validate() }
        #expect(error?.code == .validationFailed)
        #expect(
            error?.message == """
                errors found:
                field a of type string is marked as required but it has a zero-value
                field b: value must be greater than or equal to 10 but got 3
                field c of type string is marked as required but it has a zero-value
                """)
        #expect(error?.problems.count == 3)
    }

    @Test(arguments: [
        (StringRules(eq: "x"), "y", "field f: expected 'x' but got 'y'"),
        (StringRules(len: 3), "ab", "field f: value must be exactly 3 characters long but got 2"),
        (StringRules(minLen: 3), "ab", "field f: value must be at least 3 characters long but got 2"),
        (StringRules(maxLen: 1), "ab", "field f: value must be at most 1 characters long but got 2"),
        (StringRules(pattern: "^[0-9]+$"), "ab", "field f: value must match pattern ^[0-9]+$ but got 'ab'"),
        (StringRules(prefix: "https://"), "ab", "field f: value must have prefix 'https://' but got 'ab'"),
        (StringRules(suffix: ".com"), "ab", "field f: value must have suffix '.com' but got 'ab'"),
        (StringRules(contains: "@"), "ab", "field f: value must contain '@' but got 'ab'"),
        (StringRules(notContains: "b"), "ab", "field f: value must not contain 'b' but got 'ab'"),
        (StringRules(oneOf: ["x", "y"]), "ab", "field f: value must be one of [x y] but got 'ab'"),
        (StringRules(noneOf: ["ab"]), "ab", "field f: value must not be one of [ab] but got 'ab'"),
        (StringRules(wellKnown: .email), "ab", "field f: value must be a valid email address but got 'ab'"),
        (StringRules(wellKnown: .hostname), "-ab", "field f: value must be a valid hostname but got '-ab'"),
        (StringRules(wellKnown: .ip), "1.2.3", "field f: value must be a valid IP address but got '1.2.3'"),
        (StringRules(wellKnown: .ipv4), "::1", "field f: value must be a valid IPv4 address but got '::1'"),
        (StringRules(wellKnown: .ipv6), "1.2.3.4", "field f: value must be a valid IPv6 address but got '1.2.3.4'"),
        (StringRules(wellKnown: .uri), "a b", "field f: value must be a valid URL but got 'a b'"),
        (StringRules(wellKnown: .uuid), "1234", "field f: value must be a valid UUID but got '1234'"),
    ])
    func stringRuleMessages(rules: StringRules, value: String, message: String) throws {
        let field = ConfigField.string("f").stringRules { $0 = rules }
        #expect(try problem(field, ["--f", value]) == "errors found:\n" + message)
    }

    @Test(arguments: [
        "someone@example.com", "Some One <someone@example.com>", "db-1.internal", "10.0.0.1", "fe80::1",
        "https://acme.okta.com/api", "/relative/path", "123e4567-e89b-12d3-a456-426614174000",
    ])
    func wellKnownFormatsAcceptValidValues(value: String) throws {
        let kinds: [WellKnownString] = [.email, .hostname, .ip, .uri, .uuid]
        let accepted = try kinds.filter { kind in
            try problem(ConfigField.string("f").stringRules { $0.wellKnown = kind }, ["--f", value]) == nil
        }
        #expect(!accepted.isEmpty, "no format accepts \(value)")
    }

    @Test(arguments: [
        (IntRules(eq: 5), 4, "field f: expected 5 but got 4"),
        (IntRules(lt: 5), 5, "field f: value must be less than 5 but got 5"),
        (IntRules(lte: 5), 6, "field f: value must be less than or equal to 5 but got 6"),
        (IntRules(gt: 5), 5, "field f: value must be greater than 5 but got 5"),
        (IntRules(gte: 5), 4, "field f: value must be greater than or equal to 5 but got 4"),
        (IntRules(oneOf: [1, 2]), 3, "field f: value must be one of [1 2] but got 3"),
        (IntRules(noneOf: [3]), 3, "field f: value must not be one of [3] but got 3"),
    ])
    func intRuleMessages(rules: IntRules, value: Int, message: String) throws {
        let field = ConfigField.int("f").intRules { $0 = rules }
        #expect(try problem(field, ["--f=\(value)"]) == "errors found:\n" + message)
    }

    @Test func stringListRuleMessages() throws {
        let field = ConfigField.stringList("f").stringListRules {
            $0.minItems = 2
            $0.maxItems = 3
            $0.unique = true
            $0.itemRules = StringRules(prefix: "id-")
        }
        #expect(try problem(field, ["--f=a"]) == "errors found:\nfield f: value must have at least 2 items but got 1")
        #expect(
            try problem(field, ["--f=a,b,c,d"]) == "errors found:\nfield f: value must have at most 3 items but got 4")
        #expect(
            try problem(field, ["--f=id-a,id-a"])
                == "errors found:\nfield f: value must not contain duplicate items but got multiple \"id-a\"")
        #expect(
            try problem(field, ["--f=id-a,b"])
                == "errors found:\nfield f invalid item at field 1: value must have prefix 'id-' but got 'b'")
        #expect(try problem(field, ["--f=id-a,id-b"]) == nil)
    }

    @Test func boolEqualityRule() throws {
        // Unlike the other rules, a bool's equality applies to false too, as in the reference.
        let field = ConfigField.bool("f").boolRules { $0.eq = true }
        #expect(try problem(field, ["--f=false"]) == "errors found:\nfield f: expected true but got false")
        #expect(try problem(field, ["--f"]) == nil)
        let schema = try makeSchema([.bool("g").boolRules { $0.eq = false }], includeDefaults: false)
        #expect(
            configError { try resolve(schema, ["--g"]).validate() }?.message
                == "errors found:\nfield g: expected false but got true")
    }

    @Test func emptyValuesSkipRulesUnlessAsked() throws {
        #expect(try problem(ConfigField.string("f").stringRules { $0.minLen = 3 }, []) == nil)
        #expect(
            try problem(
                ConfigField.string("f").stringRules {
                    $0.minLen = 3; $0.validateEmpty = true
                }, [])
                == "errors found:\nfield f: value must be at least 3 characters long but got 0")
    }

    @Test func selectFieldsAcceptOnlyTheirOptions() throws {
        let field = ConfigField.select("region", options: ["us", "eu"])
        #expect(try problem(field, ["--region=eu"]) == nil)
        #expect(
            try problem(field, ["--region=ap"])
                == "errors found:\nfield region: value must be one of [us eu] but got 'ap'")
    }

    @Test func secretValuesNeverAppearInRuleErrors() throws {
        let token = ConfigField.string("api-token").secret().stringRules {
            $0.prefix = "tok_"
            $0.minLen = 3
        }
        let message = try problem(token, ["--api-token", "hunter2"])
        #expect(message == "errors found:\nfield api-token: value must have prefix 'tok_' but got '***'")
        let list = ConfigField.stringList("keys").secret().stringListRules { $0.unique = true }
        let listMessage = try problem(list, ["--keys=sekret,sekret"])
        #expect(listMessage?.contains("sekret") == false)
        let flagError = configError {
            _ = try resolve(makeSchema([.int("pin").secret()], includeDefaults: false), ["--pin=12ab"])
        }
        #expect(flagError?.message == "invalid argument for \"--pin\" flag: not an integer")
    }

    @Test func defaultFieldRulesHold() throws {
        let schema = try makeSchema([])
        #expect(
            configError { try resolve(schema, ["--http-timeout-seconds=4000"]).validate() }?.message
                == "errors found:\nfield http-timeout-seconds: value must be less than or equal to 1800 but got 4000")
        try resolve(schema, ["--http-timeout-seconds=60"]).validate()
    }
}
