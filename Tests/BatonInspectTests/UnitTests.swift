import BatonProto
import Testing

@testable import BatonInspect

@Suite struct ConsoleTableTests {
    @Test func padsEveryCellLikeTheGoTool() {
        var table = ConsoleTable(headers: ["Type", "Count"])
        table.append(["grants", "82"])
        #expect(table.rendered() == "Type   | Count\ngrants | 82   \n\n")
    }

    @Test func shrinksTheWidestColumnsToEightyCharacters() {
        var table = ConsoleTable(headers: ["ID", "Name", "Description"])
        table.append(["short", String(repeating: "n", count: 50), String(repeating: "d", count: 60)])
        let lines = table.rendered().split(separator: "\n")
        #expect(lines.allSatisfy { $0.count == 80 })
        #expect(lines[1].hasPrefix("short | nnn"))
        #expect(lines[1].hasSuffix("d…"))
        #expect(lines[1].filter { $0 == "…" }.count == 2)
    }

    @Test func keepsLineBreaksOutOfCells() {
        var table = ConsoleTable(headers: ["A"])
        table.append(["one\ntwo"])
        #expect(table.rendered() == "A      \none two\n\n")
    }
}

@Suite struct GlobalOptionTests {
    @Test func movesLeadingGlobalOptionsAfterTheCommand() {
        #expect(
            GlobalOptions.movedAfterSubcommands(["-f", "x.c1z", "--output-format=json", "export", "csv", "--out", "y"])
                == ["export", "csv", "--out", "y", "-f", "x.c1z", "--output-format=json"])
        #expect(GlobalOptions.movedAfterSubcommands(["grants", "-f", "x"]) == ["grants", "-f", "x"])
        #expect(
            GlobalOptions.movedAfterSubcommands(["-o", "json", "stats", "--", "z"]) == [
                "stats", "-o", "json", "--", "z",
            ])
    }
}

@Suite struct GrantOriginTests {
    @Test func directUnlessSourcesNameOnlyOtherEntitlements() throws {
        var grant = try SampleFile.grant("g1", "member", "u1")
        #expect(GrantOrigin(grant).isDirect)
        #expect(GrantOrigin(grant).derivedFrom.isEmpty)
        #expect(GrantOrigin(grant).summary == "direct")
        grant.sources.sources = ["group:g9:member": .init(), "group:g2:member": .init()]
        #expect(!GrantOrigin(grant).isDirect)
        #expect(GrantOrigin(grant).derivedFrom == ["group:g2:member", "group:g9:member"])
        #expect(GrantOrigin(grant).summary == "derived from group:g2:member, group:g9:member")
        grant.sources.sources["group:g1:member"] = .with { $0.isDirect = true }
        #expect(GrantOrigin(grant).summary == "direct + derived from group:g2:member, group:g9:member")
    }
}

@Suite struct TraitNameTests {
    @Test func traitsPrintTheirProtobufNames() {
        #expect(C1_Connector_V2_ResourceType.Trait.user.protoName == "TRAIT_USER")
        #expect(C1_Connector_V2_ResourceType.Trait.scopeBinding.protoName == "TRAIT_SCOPE_BINDING")
        #expect(C1_Connector_V2_ResourceType.Trait.UNRECOGNIZED(99).protoName == "99")
    }
}

@Suite struct JSONComparisonTests {
    @Test func memberOrderIsIgnoredButArrayOrderAndValuesCount() throws {
        #expect(try JSONComparison.difference(#"{"a":1,"b":[1,2]}"#, #"{"b":[1,2],"a":1.0}"#) == nil)
        #expect(try JSONComparison.difference("[1,2]", "[2,1]") == "$[0]: 1 != 2")
        #expect(try JSONComparison.difference(#"{"a":"x"}"#, #"{"a":"x","b":null}"#) == "$.b missing")
    }
}
