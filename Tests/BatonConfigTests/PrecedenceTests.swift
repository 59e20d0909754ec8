import BatonConfig
import BatonTestSupport
import Testing

/// Flags beat `BATON_*` variables, which beat the YAML file, which beats the defaults — for every variant.
@Suite struct PrecedenceTests {
    let fields: [ConfigField] = [
        .string("region").defaultValue("default-region"),
        .bool("verbose"),
        .int("page-size").defaultValue(1),
        .stringList("tags").defaultValue(["default-tag"]),
        .stringMap("labels").defaultValue(["from": "default"]),
    ]

    /// The layers present, from lowest to highest: 0 = defaults only, 1 = + file, 2 = + env, 3 = + flags.
    @Test(arguments: 0...3)
    func highestLayerWins(layers: Int) throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        if layers >= 1 {
            try directory.write(
                ".baton.yaml",
                """
                region: file-region
                verbose: true
                page-size: 2
                tags: [file-a, file-b]
                labels:
                  from: file
                """)
        }
        var environment: [String: String] = [:]
        if layers >= 2 {
            environment = [
                "BATON_REGION": "env-region", "BATON_VERBOSE": "false", "BATON_PAGE_SIZE": "3",
                "BATON_TAGS": "env-a,env-b", "BATON_LABELS": "from=env",
            ]
        }
        let arguments =
            layers >= 3
            ? [
                "--region", "flag-region", "--verbose", "--page-size=4", "--tags", "flag-a", "--tags=flag-b",
                "--labels", "from=flag,extra=1",
            ]
            : []
        let config = try resolve(
            makeSchema(fields), arguments, environment: environment, directory: directory.path)

        let expectedSource: ConfigSource = [.default, .file, .environment, .flag][layers]
        for name in ["region", "verbose", "page-size", "tags", "labels"] {
            #expect(config.source(of: name) == expectedSource, "\(name)")
        }
        #expect(config.string("region") == ["default-region", "file-region", "env-region", "flag-region"][layers])
        #expect(config.bool("verbose") == [false, true, false, true][layers])
        #expect(config.int("page-size") == [1, 2, 3, 4][layers])
        #expect(
            config.stringList("tags")
                == [["default-tag"], ["file-a", "file-b"], ["env-a", "env-b"], ["flag-a", "flag-b"]][layers])
        #expect(
            config.stringMap("labels")
                == [["from": "default"], ["from": "file"], ["from": "env"], ["from": "flag", "extra": "1"]][layers])
        #expect(config.isSet("region") == (layers > 0))
        #expect(config.configFilePath == (layers >= 1 ? directory.path + "/.baton.yaml" : nil))
    }

    @Test func layersAreChosenPerField() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try directory.write(".baton.yaml", "region: file-region\npage-size: 20\n")
        let config = try resolve(
            makeSchema(fields), ["--verbose"], environment: ["BATON_PAGE_SIZE": "30"], directory: directory.path)
        #expect(config.string("region") == "file-region")
        #expect(config.source(of: "region") == .file)
        #expect(config.int("page-size") == 30)
        #expect(config.bool("verbose"))
        #expect(config.stringList("tags") == ["default-tag"])
        #expect(config.source(of: "tags") == .default)
    }

    @Test func emptyEnvironmentVariableCountsAsUnset() throws {
        let config = try resolve(makeSchema(fields), environment: ["BATON_REGION": ""])
        #expect(config.string("region") == "default-region")
        #expect(config.source(of: "region") == .default)
    }

    @Test func configPathVariableSelectsTheFile() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try directory.write(".baton.yaml", "region: ignored\n")
        try directory.write("custom.yml", "region: custom\n")
        let config = try resolve(
            makeSchema(fields), environment: ["BATON_CONFIG_PATH": "custom.yml"], directory: directory.path)
        #expect(config.string("region") == "custom")
        #expect(config.configFilePath == directory.path + "/custom.yml")
    }

    @Test func configPathMustBeYAML() throws {
        let error = configError {
            _ = try resolve(makeSchema(fields), environment: ["BATON_CONFIG_PATH": "/etc/baton.json"])
        }
        #expect(error?.code == .invalidConfigFile)
        #expect(error?.message == "BATON_CONFIG_PATH must end in .yaml or .yml: /etc/baton.json")
    }

    @Test func missingExplicitConfigFileIsAnError() throws {
        let error = configError {
            _ = try resolve(makeSchema(fields), environment: ["BATON_CONFIG_PATH": "/nonexistent/baton.yaml"])
        }
        #expect(error?.message == "config file not found: /nonexistent/baton.yaml")
    }

    @Test func malformedYAMLReportsPositionWithoutContent() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try directory.write(".baton.yaml", "api-token: s3cr3t-value\n  bad: [unclosed\n")
        let schema = try makeSchema([.string("api-token").secret()])
        let error = configError { _ = try resolve(schema, directory: directory.path) }
        #expect(error?.code == .invalidConfigFile)
        #expect(error?.message.contains("line 2") == true)
        #expect(error?.message.contains("s3cr3t") == false)
    }

    @Test func wrongTypeInFileOrEnvironmentIsReported() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try directory.write(".baton.yaml", "page-size: lots\n")
        let fileError = configError { _ = try resolve(makeSchema(fields), directory: directory.path) }
        #expect(
            fileError?.message
                == "invalid value for 'page-size' in config file \(directory.path)/.baton.yaml: not an integer")

        let envError = configError {
            _ = try resolve(makeSchema(fields), environment: ["BATON_VERBOSE": "maybe"])
        }
        #expect(envError?.code == .invalidEnvironment)
        #expect(envError?.message == "invalid value \"maybe\" in BATON_VERBOSE: not a boolean")
    }

    @Test func unknownYAMLKeysAndNullsAreIgnored() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try directory.write(".baton.yaml", "not-a-field: 1\nregion: ~\nverbose: yes\nPage-Size: 7\n")
        let config = try resolve(makeSchema(fields), directory: directory.path)
        #expect(config.string("region") == "default-region")
        #expect(config.source(of: "region") == .default)
        #expect(config.bool("verbose"))
        #expect(config.int("page-size") == 7)
    }

    @Test func environmentNameUsesUpperCaseAndUnderscores() {
        #expect(ConfigField.string("client-id").environmentVariableName == "BATON_CLIENT_ID")
        #expect(ConfigField.int("http-timeout-seconds").environmentVariableName == "BATON_HTTP_TIMEOUT_SECONDS")
    }
}
