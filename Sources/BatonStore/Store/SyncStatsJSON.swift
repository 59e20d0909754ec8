import BatonProto
import Foundation

/// `SyncStats` as the Go SDK stores it in `v1_sync_runs.stats`: Go `encoding/json` of the generated
/// struct, so snake_case keys in field order, zero values and empty maps omitted, int64 as numbers,
/// map keys sorted, and HTML-sensitive characters escaped.
enum SyncStatsJSON {
    static func encode(_ stats: C1_Reader_V2_SyncStats) -> String {
        var object = GoJSONObject()
        object.add("resource_types", stats.resourceTypes)
        object.add("resources", stats.resources)
        object.add("entitlements", stats.entitlements)
        object.add("grants", stats.grants)
        object.add("resources_by_resource_type", stats.resourcesByResourceType)
        object.add("grants_by_resource_type", stats.grantsByResourceType)
        object.add("entitlements_by_resource_type", stats.entitlementsByResourceType)
        object.add("assets", stats.assets)
        object.add("step_durations_ms", stats.stepDurationsMs)
        object.add("connector_call_stats", stats.connectorCallStats)
        object.add("session_store_stats", stats.sessionStoreStats)
        return object.text
    }

    /// Parses stored stats JSON; nil when it is not valid.
    static func decode(_ text: String) -> C1_Reader_V2_SyncStats? {
        guard !text.isEmpty else { return nil }
        var options = JSONDecodingOptions()
        options.ignoreUnknownFields = true
        // Protobuf JSON accepts the snake_case proto field names Go's encoder writes.
        return try? C1_Reader_V2_SyncStats(jsonString: text, options: options)
    }
}

/// A JSON object written the way Go's `encoding/json` writes a struct with `omitempty` fields.
struct GoJSONObject {
    private var members: [String] = []

    var text: String { "{" + members.joined(separator: ",") + "}" }

    mutating func add(_ key: String, _ value: Int64) {
        if value != 0 { members.append(GoJSON.quote(key) + ":" + String(value)) }
    }

    mutating func add(_ key: String, _ map: [String: Int64]) {
        guard !map.isEmpty else { return }
        let entries = map.keys.sorted().map { GoJSON.quote($0) + ":" + String(map[$0] ?? 0) }
        members.append(GoJSON.quote(key) + ":{" + entries.joined(separator: ",") + "}")
    }

    mutating func add(_ key: String, _ map: [String: C1_Reader_V2_CallStat]) {
        guard !map.isEmpty else { return }
        let entries = map.keys.sorted().map { name -> String in
            let stat = map[name] ?? C1_Reader_V2_CallStat()
            var object = GoJSONObject()
            object.add("count", stat.count)
            object.add("total_ms", stat.totalMs)
            object.add("max_ms", stat.maxMs)
            object.add("errors", stat.errors)
            object.add("timeouts", stat.timeouts)
            return GoJSON.quote(name) + ":" + object.text
        }
        members.append(GoJSON.quote(key) + ":{" + entries.joined(separator: ",") + "}")
    }
}
