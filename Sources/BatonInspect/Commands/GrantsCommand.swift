import ArgumentParser
import BatonProto
import BatonStore

/// `baton grants [-t type [-r resource]] [-e entitlement]`: the grants of the sync with the
/// entitlement, resource, resource type and principal each refers to.
struct GrantsCommand: InspectCommand {
    static let configuration = CommandConfiguration(commandName: "grants", abstract: "List grants")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var selection: GrantSelection

    func run(in context: CommandContext) throws {
        try context.withSync(global) { lookup in
            switch global.outputFormat {
            case .json: try printJSON(lookup, to: context.output)
            case .console: try printTable(lookup, to: context.output)
            }
        }
    }

    private func printTable(_ lookup: RecordLookup, to output: OutputBuffer) throws {
        var table = ConsoleTable(headers: ["Resource Type", "Resource", "Entitlement", "Principal"])
        try selection.forEachGrant(lookup) { grant in
            let resourceID = grant.entitlement.resource.id
            table.append([
                try lookup.typeName(resourceID.resourceType), try lookup.resourceName(resourceID),
                try lookup.entitlementName(grant.entitlement.id), try lookup.resourceName(grant.principal.id),
            ])
        }
        output.write(table.rendered())
    }

    /// Each grant printed from its stored bytes (``GrantJSONPrinter``), beside the JSON of the records it
    /// refers to, looked up and printed once each.
    private func printJSON(_ lookup: RecordLookup, to output: OutputBuffer) throws {
        var printer = GrantJSONPrinter()
        var list = JSONListWriter(key: "grants", output: output)
        var item: [UInt8] = []
        item.reserveCapacity(16 * 1024)
        let typeFilter = selection.typeFilter
        try lookup.grantBytePages(selection.storeFilter).forEachItem { bytes in
            item.removeAll(keepingCapacity: true)
            item.append(contentsOf: #"{"grant":"#.utf8)
            let references = try printer.append(bytes, to: &item)
            if let typeFilter, references.resource.resourceType != typeFilter {
                return
            }
            func add(_ key: String, _ json: String?) {
                guard let json else { return }
                item.append(contentsOf: key.utf8)
                item.append(contentsOf: json.utf8)
            }
            add(#","entitlement":"#, try lookup.entitlementJSON(references.entitlementID))
            add(#","resource":"#, try lookup.resourceJSON(references.resource))
            add(#","resourceType":"#, try lookup.resourceTypeJSON(references.resource.resourceType))
            add(#","principal":"#, try lookup.resourceJSON(references.principal))
            item.append(UInt8(ascii: "}"))
            list.append(bytes: item)
        }
        list.finish()
    }
}

/// Which grants `grants` and `principals` read: all, those on one resource type or resource, and/or
/// those of one entitlement.
struct GrantSelection: ParsableArguments {
    @Option(name: [.customShort("t"), .customLong("resource-type")], help: "The resource type to filter output by")
    var resourceType: String?

    @Option(name: [.customShort("r"), .customLong("resource")], help: "The resource to filter output by (needs -t)")
    var resource: String?

    @Option(name: [.customShort("e"), .customLong("entitlement")], help: "The entitlement to filter output by")
    var entitlement: String?

    func validate() throws {
        if resource != nil, resourceType == nil {
            throw InspectError(.invalidArguments, "--resource needs --resource-type (-t)")
        }
    }

    /// What the store filters on: the entitlement, and the resource when both it and its type are given.
    var storeFilter: GrantFilter {
        var filter = GrantFilter(entitlementID: entitlement)
        if let resourceType, let resource {
            filter.resource = .with {
                $0.resourceType = resourceType
                $0.resource = resource
            }
        }
        return filter
    }

    /// Without a resource, a type filter applies to the entitlement's resource type, which the store
    /// cannot filter on; those grants are filtered by the reader.
    var typeFilter: String? {
        resource == nil ? resourceType : nil
    }

    /// Calls `body` for each selected grant of the sync, in row order.
    func forEachGrant(_ lookup: RecordLookup, _ body: (C1_Connector_V2_Grant) throws -> Void) throws {
        let typeFilter = typeFilter
        try lookup.grantPages(storeFilter).forEachItem { grant in
            if let typeFilter, grant.entitlement.resource.id.resourceType != typeFilter {
                return
            }
            try body(grant)
        }
    }
}
