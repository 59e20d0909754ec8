import BatonConfig
import Testing

/// Cobra-style help: visible flags only, env names, required prefix, no secret defaults.
@Suite struct HelpTests {
    @Test func connectorOnlyHelpLayout() throws {
        let schema = try makeSchema(
            [
                .string("domain").required().description("Your domain").shortHand("d"),
                .int("page-size").defaultValue(100),
                .bool("verbose").description("Log more"),
                .stringList("scopes").defaultValue(["read", "write"]),
                .string("internal").hidden(),
            ], includeDefaults: false)
        let help = schema.helpText(
            commandName: "baton-acme", summary: "Sync Acme.", subcommands: [("config", "Print the schema")])
        #expect(
            help == """
                Sync Acme.

                Usage:
                  baton-acme [flags]
                  baton-acme [command]

                Available Commands:
                  config      Print the schema

                Flags:
                  -d, --domain string    required: Your domain ($BATON_DOMAIN)
                  -h, --help             help for baton-acme
                      --page-size int    ($BATON_PAGE_SIZE) (default 100)
                      --scopes strings   ($BATON_SCOPES) (default [read,write])
                      --verbose          Log more ($BATON_VERBOSE)
                  -v, --version          version for baton-acme

                Use "baton-acme [command] --help" for more information about a command.

                """)
    }

    @Test func defaultFlagsAppearWithoutHiddenOnes() throws {
        let help = try makeSchema([]).helpText(commandName: "baton-demo")
        #expect(help.contains("  -f, --file string "))
        #expect(help.contains("The path to the c1z file to sync with ($BATON_FILE) (default \"sync.c1z\")"))
        #expect(help.contains("  -p, --provisioning "))
        #expect(help.contains("--http-timeout-seconds int "))
        #expect(help.contains("(default 300)"))
        #expect(help.contains("--log-format string "))
        #expect(help.contains("(default \"json\")"))
        let hiddenFlags = [
            "grant-entitlement", "create-ticket", "skip-grants", "c1z-temp-dir", "health-check-bind-address",
        ]
        for hidden in hiddenFlags {
            #expect(!help.contains("--\(hidden) "), "\(hidden) should be hidden")
        }
        #expect(!help.contains("Available Commands"))
    }

    @Test func secretDefaultsAreNeverPrinted() throws {
        let schema = try makeSchema(
            [.string("api-token").secret().defaultValue("do-not-print-me").description("The API token")])
        let help = schema.helpText(commandName: "baton-acme")
        #expect(help.contains("--api-token string "))
        #expect(help.contains("The API token ($BATON_API_TOKEN)\n"))
        #expect(!help.contains("do-not-print-me"))
    }
}
