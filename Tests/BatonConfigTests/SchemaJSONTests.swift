import BatonConfig
import BatonSDK
import Testing

/// The `config` subcommand's JSON: protojson of `c1.config.v1.Configuration`, exported fields only.
@Suite struct SchemaJSONTests {
    let domain = ConfigField.string("domain").required().displayName("Domain").description("Your Acme domain")
        .placeholder("acme.example.com").stringRules { $0.wellKnown = .hostname }
    let token = ConfigField.string("api-token").secret()
    let privateKey = ConfigField.fileUpload("private-key", allowedExtensions: [".pem"])
    let region = ConfigField.select("region", options: ["us", "eu"]).defaultValue("us")
    let pageSize = ConfigField.int("page-size").defaultValue(100).exportTarget(.ops).intRules {
        $0.gte = 1
        $0.lte = 200
    }
    let skipArchived = ConfigField.bool("skip-archived").defaultValue(true)
    let scopes = ConfigField.stringList("scopes").defaultValue(["read"]).stringListRules { $0.unique = true }
    let labels = ConfigField.stringMap("labels").defaultValue(["team": "iam"])
    let debugDump = ConfigField.string("debug-dump").exportTarget(.cli)

    func sampleSchema(includeDefaults: Bool) throws -> ConfigSchema {
        var schema = try makeSchema(
            [domain, token, privateKey, region, pageSize, skipArchived, scopes, labels, debugDump],
            relationships: [
                .atLeastOne(token, privateKey),
                .dependentOn([scopes], required: [domain]),
                .requiredTogether(domain, debugDump),
            ],
            groups: [
                FieldGroup(
                    name: "token", displayName: "API token", helpText: "Use a token", fields: [token], isDefault: true),
                FieldGroup(name: "key", displayName: "Key pair", fields: [privateKey]),
                FieldGroup(name: "debug", fields: [debugDump], exportTarget: .cli),
            ],
            includeDefaults: includeDefaults)
        schema.displayName = "Acme"
        schema.helpURL = "https://example.com/help"
        return schema
    }

    @Test func sampleSchemaGolden() throws {
        let json = try sampleSchema(includeDefaults: false).schemaJSON()
        let expected = """
            {
              "fields": [
                {
                  "name": "domain", "displayName": "Domain", "description": "Your Acme domain",
                  "placeholder": "acme.example.com", "isRequired": true,
                  "stringField": {"rules": {"wellKnown": "WELL_KNOWN_STRING_HOSTNAME", "isRequired": true}}
                },
                {"name": "api-token", "isSecret": true, "stringField": {}},
                {
                  "name": "private-key",
                  "stringField": {"type": "STRING_FIELD_TYPE_FILE_UPLOAD", "allowedExtensions": [".pem"]}
                },
                {"name": "region", "stringField": {"defaultValue": "us", "rules": {"in": ["us", "eu"]}}},
                {
                  "name": "page-size", "isOps": true,
                  "intField": {"defaultValue": "100", "rules": {"lte": "200", "gte": "1"}}
                },
                {"name": "skip-archived", "boolField": {"defaultValue": true}},
                {"name": "scopes", "stringSliceField": {"defaultValue": ["read"], "rules": {"unique": true}}},
                {
                  "name": "labels",
                  "stringMapField": {
                    "defaultValue": {"team": {"@type": "type.googleapis.com/google.protobuf.Value", "value": "iam"}}
                  }
                }
              ],
              "constraints": [
                {"kind": "CONSTRAINT_KIND_AT_LEAST_ONE", "fieldNames": ["api-token", "private-key"]},
                {"kind": "CONSTRAINT_KIND_DEPENDENT_ON", "fieldNames": ["scopes"], "secondaryFieldNames": ["domain"]}
              ],
              "displayName": "Acme",
              "helpUrl": "https://example.com/help",
              "fieldGroups": [
                {
                  "name": "token", "displayName": "API token", "helpText": "Use a token", "fields": ["api-token"],
                  "default": true
                },
                {"name": "key", "displayName": "Key pair", "fields": ["private-key"]}
              ]
            }
            """
        #expect(try JSONValue.parse(json) == JSONValue.parse(expected))
    }

    @Test func indentedLikeGoMarshalIndent() throws {
        let json = try sampleSchema(includeDefaults: false).schemaJSON()
        #expect(json.hasPrefix("{\n  \"fields\": [\n    {\n      \"name\": \"domain\",\n"))
        #expect(json.hasSuffix("\n}"))
        #expect(json.contains("\"stringField\": {}"))
    }

    @Test func defaultFieldsExportOnlyOperationalOnes() throws {
        let parsed = try JSONValue.parse(sampleSchema(includeDefaults: true).schemaJSON())
        guard case .object(let root) = parsed, case .array(let fields)? = root["fields"] else {
            Issue.record("unexpected JSON shape")
            return
        }
        let names = fields.compactMap { field -> String? in
            guard case .object(let object) = field, case .string(let name)? = object["name"] else { return nil }
            return name
        }
        #expect(names.contains("log-level"))
        #expect(names.contains("http-timeout-seconds"))
        #expect(names.contains("otel-collector-endpoint"))
        #expect(!names.contains("file"))
        #expect(!names.contains("client-secret"))
        #expect(!names.contains("debug-dump"))
        let logLevel = fields.first { field in
            if case .object(let object) = field, object["name"] == .string("log-level") { return true }
            return false
        }
        guard case .object(let object)? = logLevel else {
            Issue.record("log-level missing")
            return
        }
        #expect(object["isOps"] == .bool(true))
        // The health-check dependency is exported because all its fields are ops fields.
        guard case .array(let constraints)? = root["constraints"] else {
            Issue.record("constraints missing")
            return
        }
        #expect(constraints.count == 3)
    }
}
