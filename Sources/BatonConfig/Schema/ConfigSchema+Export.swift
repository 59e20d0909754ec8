public import BatonProto

extension ConfigSchema {
    /// The schema as a `c1.config.v1.Configuration`: fields exported to `gui` or `ops` (with `is_ops` for ops),
    /// constraints whose fields are all exported, and field groups not limited to `cli` or `none`.
    public func configurationMessage() -> C1_Config_V1_Configuration {
        var message = C1_Config_V1_Configuration()
        message.displayName = displayName
        message.helpURL = helpURL
        message.iconURL = iconURL
        message.catalogID = catalogID
        message.isDirectory = isDirectory
        message.supportsExternalResources = supportsExternalResources
        message.requiresExternalConnector = requiresExternalConnector

        let exported = fields.filter { $0.exportTarget.isExported }
        let exportedNames = Set(exported.map(\.name))
        message.fields = exported.map { $0.fieldMessage() }
        message.constraints = relationships.compactMap { relationship in
            guard (relationship.fields + relationship.requiredFields).allSatisfy(exportedNames.contains) else {
                return nil
            }
            var constraint = C1_Config_V1_Constraint()
            constraint.kind = relationship.kind.constraintKind
            constraint.fieldNames = relationship.fields
            constraint.secondaryFieldNames = relationship.requiredFields
            return constraint
        }
        message.fieldGroups = fieldGroups.filter { $0.exportTarget.isExported }.map { group in
            var groupMessage = C1_Config_V1_FieldGroup()
            groupMessage.name = group.name
            groupMessage.displayName = group.displayName
            groupMessage.helpText = group.helpText
            groupMessage.fields = group.fields
            groupMessage.default = group.isDefault
            return groupMessage
        }
        return message
    }

    /// The schema JSON the `config` subcommand prints: protojson of ``configurationMessage()`` (lowerCamelCase
    /// names, enums by name, int64 as strings, zero values omitted), indented by two spaces like Go's
    /// `json.MarshalIndent`, without a trailing newline.
    ///
    /// - Throws: ``ConfigError/Code-swift.struct/invalidSchema`` if SwiftProtobuf cannot encode the message.
    public func schemaJSON() throws(ConfigError) -> String {
        do {
            return GoJSON.indent(try configurationMessage().jsonString(), escapeHTML: true)
        } catch {
            throw ConfigError(.invalidSchema, "cannot encode the configuration schema as JSON: \(error)")
        }
    }
}

extension ConfigRelationship.Kind {
    var constraintKind: C1_Config_V1_ConstraintKind {
        switch self {
        case .requiredTogether: .requiredTogether
        case .mutuallyExclusive: .mutuallyExclusive
        case .atLeastOne: .atLeastOne
        case .dependentOn: .dependentOn
        }
    }
}

extension ConfigField {
    func fieldMessage() -> C1_Config_V1_Field {
        var message = C1_Config_V1_Field()
        message.name = name
        message.displayName = displayName
        message.description_p = description
        message.placeholder = placeholder
        message.isRequired = isRequired
        message.isOps = exportTarget == .ops
        message.isSecret = isSecret
        // Rules are exported when the field has rules or is required, as the reference sets them only then.
        let hasRules = rules != .none || isRequired
        switch variant {
        case .string:
            var string = C1_Config_V1_StringField()
            if case .string(let value) = defaultValue { string.defaultValue = value }
            if case .string(let value)? = suggestedValue { string.suggestedValue = value }
            if hasRules {
                var rules = C1_Config_V1_StringRules()
                if case .string(let own) = self.rules { rules = own.message() }
                rules.isRequired = isRequired
                string.rules = rules
            }
            switch webFieldType {
            case .text: string.type = .textUnspecified
            case .random: string.type = .random
            case .oauth2: string.type = .oauth2
            case .connectorDerivedOptions: string.type = .connectorDerivedOptions
            case .fileUpload(let extensions):
                string.type = .fileUpload
                string.allowedExtensions = extensions
            }
            message.stringField = string
        case .int:
            var int = C1_Config_V1_IntField()
            if case .int(let value) = defaultValue { int.defaultValue = Int64(value) }
            if case .int(let value)? = suggestedValue { int.suggestedValue = Int64(value) }
            if hasRules {
                var rules = C1_Config_V1_Int64Rules()
                if case .int(let own) = self.rules { rules = own.message() }
                rules.isRequired = isRequired
                int.rules = rules
            }
            message.intField = int
        case .bool:
            var bool = C1_Config_V1_BoolField()
            if case .bool(let value) = defaultValue { bool.defaultValue = value }
            if case .bool(let value)? = suggestedValue { bool.suggestedValue = value }
            if case .bool(let own) = rules {
                var rules = C1_Config_V1_BoolRules()
                if let eq = own.eq { rules.eq = eq }
                bool.rules = rules
            }
            message.boolField = bool
        case .stringList:
            var list = C1_Config_V1_StringSliceField()
            if case .stringList(let value) = defaultValue { list.defaultValue = value }
            if case .stringList(let value)? = suggestedValue { list.suggestedValue = value }
            if hasRules {
                var rules = C1_Config_V1_RepeatedStringRules()
                if case .stringList(let own) = self.rules { rules = own.message() }
                rules.isRequired = isRequired
                list.rules = rules
            }
            message.stringSliceField = list
        case .stringMap:
            var map = C1_Config_V1_StringMapField()
            if case .stringMap(let value) = defaultValue { map.defaultValue = ConfigField.anyMap(value) }
            if case .stringMap(let value)? = suggestedValue { map.suggestedValue = ConfigField.anyMap(value) }
            if hasRules {
                var rules = C1_Config_V1_StringMapRules()
                if case .stringMap(let own) = self.rules { rules.validateEmpty = own.validateEmpty }
                rules.isRequired = isRequired
                map.rules = rules
            }
            message.stringMapField = map
        }
        return message
    }

    /// Map values travel as `Any`-packed `google.protobuf.Value` strings, as the reference packs them.
    private static func anyMap(_ map: [String: String]) -> [String: Google_Protobuf_Any] {
        map.compactMapValues { text in try? Google_Protobuf_Any(message: Google_Protobuf_Value(stringValue: text)) }
    }
}

extension StringRules {
    func message() -> C1_Config_V1_StringRules {
        var rules = C1_Config_V1_StringRules()
        if let eq { rules.eq = eq }
        if let len { rules.len = UInt64(clamping: len) }
        if let minLen { rules.minLen = UInt64(clamping: minLen) }
        if let maxLen { rules.maxLen = UInt64(clamping: maxLen) }
        if let pattern { rules.pattern = pattern }
        if let prefix { rules.prefix = prefix }
        if let suffix { rules.suffix = suffix }
        if let contains { rules.contains = contains }
        if let notContains { rules.notContains = notContains }
        rules.in = oneOf
        rules.notIn = noneOf
        rules.wellKnown = wellKnown?.message ?? .unspecified
        rules.validateEmpty = validateEmpty
        return rules
    }
}

extension IntRules {
    func message() -> C1_Config_V1_Int64Rules {
        var rules = C1_Config_V1_Int64Rules()
        if let eq { rules.eq = Int64(eq) }
        if let lt { rules.lt = Int64(lt) }
        if let lte { rules.lte = Int64(lte) }
        if let gt { rules.gt = Int64(gt) }
        if let gte { rules.gte = Int64(gte) }
        rules.in = oneOf.map(Int64.init)
        rules.notIn = noneOf.map(Int64.init)
        rules.validateEmpty = validateEmpty
        return rules
    }
}

extension StringListRules {
    func message() -> C1_Config_V1_RepeatedStringRules {
        var rules = C1_Config_V1_RepeatedStringRules()
        if let minItems { rules.minItems = UInt64(clamping: minItems) }
        if let maxItems { rules.maxItems = UInt64(clamping: maxItems) }
        rules.unique = unique
        if let itemRules { rules.itemRules = itemRules.message() }
        rules.validateEmpty = validateEmpty
        return rules
    }
}

extension WellKnownString {
    var message: C1_Config_V1_WellKnownString {
        switch self {
        case .email: .email
        case .hostname: .hostname
        case .ip: .ip
        case .ipv4: .ipv4
        case .ipv6: .ipv6
        case .uri: .uri
        case .address: .address
        case .uuid: .uuid
        }
    }
}
