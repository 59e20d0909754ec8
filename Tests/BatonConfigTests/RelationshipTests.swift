import BatonConfig
import Testing

/// Relationship checks with the reference's exact texts and Oxford-list quoting.
@Suite struct RelationshipTests {
    let a = ConfigField.string("a")
    let b = ConfigField.bool("b")
    let c = ConfigField.int("c")
    let d = ConfigField.stringList("d")

    func violation(_ relationship: ConfigRelationship, _ arguments: [String]) throws -> String? {
        let schema = try makeSchema([a, b, c, d], relationships: [relationship], includeDefaults: false)
        return configError { try resolve(schema, arguments).validate() }?.message
    }

    @Test func requiredTogetherListsTheMissingFields() throws {
        let relationship = ConfigRelationship.requiredTogether(a, b, c, d)
        let prefix = "fields marked as needed together are missing: "
        #expect(try violation(relationship, ["--a=x"]) == prefix + "('b', 'c', and 'd')")
        #expect(try violation(relationship, ["--a=x", "--b"]) == prefix + "('c' and 'd')")
        #expect(try violation(relationship, ["--a=x", "--b", "--c=1"]) == prefix + "('d')")
        #expect(try violation(relationship, ["--a=x", "--b", "--c=1", "--d=y"]) == nil)
        #expect(try violation(relationship, []) == nil)
    }

    @Test func mutuallyExclusiveListsTheSetFields() throws {
        let relationship = ConfigRelationship.mutuallyExclusive(a, b, c, d)
        let prefix = "fields marked as mutually exclusive were set: "
        #expect(try violation(relationship, ["--a=x", "--c=2"]) == prefix + "('a' and 'c')")
        #expect(try violation(relationship, ["--a=x", "--b", "--d=y"]) == prefix + "('a', 'b', and 'd')")
        #expect(try violation(relationship, ["--b"]) == nil)
        // Zero values are not "present": an explicit false or 0 does not conflict.
        #expect(try violation(relationship, ["--b=false", "--c=0", "--a=x"]) == nil)
    }

    @Test func atLeastOneListsEveryCandidate() throws {
        let prefix = "at least one field was expected, any of: "
        #expect(try violation(.atLeastOne(a, b), []) == prefix + "('a' and 'b')")
        #expect(try violation(.atLeastOne(a, b, c), []) == prefix + "('a', 'b', and 'c')")
        #expect(try violation(.atLeastOne(a, b, c), ["--c=3"]) == nil)
    }

    @Test func dependentOnListsSetDependentsAndMissingRequirements() throws {
        #expect(
            try violation(.dependentOn([a], required: [b]), ["--a=x"])
                == "set fields ('a') are dependent on ('b') being set")
        #expect(
            try violation(.dependentOn([a, b], required: [c, d]), ["--a=x", "--b"])
                == "set fields ('a' and 'b') are dependent on ('c' and 'd') being set")
        #expect(
            try violation(.dependentOn([a, b, c], required: [d]), ["--a=x", "--b", "--c=1"])
                == "set fields ('a', 'b', and 'c') are dependent on ('d') being set")
        #expect(try violation(.dependentOn([a], required: [b]), ["--a=x", "--b"]) == nil)
        #expect(try violation(.dependentOn([a], required: [b]), ["--b"]) == nil)
    }

    @Test func firstViolatedRelationshipIsReported() throws {
        let schema = try makeSchema(
            [a, b, c], relationships: [.atLeastOne(a, b), .requiredTogether(b, c)], includeDefaults: false)
        let error = configError { try resolve(schema, ["--b"]).validate() }
        #expect(error?.code == .relationshipViolated)
        #expect(error?.message == "fields marked as needed together are missing: ('c')")
    }

    @Test func defaultRelationshipsApply() throws {
        let schema = try makeSchema([])
        #expect(
            configError { try resolve(schema, ["--client-id", "x"]).validate() }?.message
                == "fields marked as needed together are missing: ('client-secret')")
        #expect(
            configError {
                try resolve(schema, ["--grant-entitlement=e", "--grant-principal=p", "--revoke-grant=g"])
                    .validate()
            }?.message
                == "fields marked as mutually exclusive were set: ('grant-entitlement' and 'revoke-grant')")
        #expect(
            configError { try resolve(schema, ["--health-check-port", "9000"]).validate() }?.message
                == "set fields ('health-check-port') are dependent on ('health-check') being set")
        #expect(
            configError { try resolve(schema, ["--diff-syncs"]).validate() }?.message
                == "fields marked as needed together are missing: ('base-sync-id' and 'applied-sync-id')")
        // Defaults such as health-check-port=8081 never count as present.
        try resolve(schema).validate()
        try resolve(schema, ["--health-check", "--health-check-port=9000"]).validate()
    }

    @Test func presenceComesFromAnySource() throws {
        let schema = try makeSchema([a, b], relationships: [.requiredTogether(a, b)], includeDefaults: false)
        let error = configError { try resolve(schema, environment: ["BATON_A": "x"]).validate() }
        #expect(error?.message == "fields marked as needed together are missing: ('b')")
    }

    @Test func malformedRelationshipsAreRejectedAtSchemaConstruction() {
        func problem(_ relationship: ConfigRelationship, fields: [ConfigField]? = nil) -> String? {
            configError {
                _ = try makeSchema(fields ?? [a, b, c, d], relationships: [relationship], includeDefaults: false)
            }?.message
        }
        #expect(
            problem(.requiredTogether(a)) == "invalid requiredTogether relationship ('a'): needs at least two fields")
        #expect(
            problem(.atLeastOne(a, a))
                == "invalid atLeastOne relationship ('a' and 'a'): a field is listed twice")
        #expect(
            problem(.mutuallyExclusive(a.required(), b), fields: [a.required(), b])
                == "invalid mutuallyExclusive relationship ('a' and 'b'): "
                + "required field 'a' cannot be mutually exclusive")
        #expect(
            problem(.dependentOn([a, b], required: [b]))
                == "invalid dependentOn relationship ('a', 'b', and 'b'): field 'b' cannot depend on itself")
        #expect(
            problem(.dependentOn([a], required: []))
                == "invalid dependentOn relationship ('a'): needs dependent fields and required fields")
        #expect(
            problem(.requiredTogether(a, .string("ghost")))
                == "invalid requiredTogether relationship ('a' and 'ghost'): unknown field 'ghost'")
    }
}
