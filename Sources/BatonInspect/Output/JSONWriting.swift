import BatonSDK

/// Streams `{"<key>":[item,item,…]}` as items arrive. An empty list prints `{}`, as protobuf JSON
/// omits empty repeated fields.
struct JSONListWriter {
    private let key: String
    private let output: OutputBuffer
    private(set) var count = 0

    init(key: String, output: OutputBuffer) {
        self.key = key
        self.output = output
    }

    mutating func append(_ json: String) {
        output.write(count == 0 ? "{" + GoJSON.quote(key) + ":[" : ",")
        output.write(json)
        count += 1
    }

    /// Appends one item already in JSON form, as UTF-8.
    mutating func append(bytes json: [UInt8]) {
        output.write(count == 0 ? "{" + GoJSON.quote(key) + ":[" : ",")
        output.write(bytes: json)
        count += 1
    }

    func finish() {
        output.write(count == 0 ? "{}\n" : "]}\n")
    }
}

/// A JSON object assembled from members already in JSON form, in the order they are added.
struct JSONObject {
    private var members: [String] = []

    /// Adds `key` with a JSON `value`; nil leaves the member out (an unset message field).
    mutating func add(_ key: String, json value: String?) {
        guard let value else { return }
        members.append(GoJSON.quote(key) + ":" + value)
    }

    mutating func add(_ key: String, string value: String) {
        add(key, json: GoJSON.quote(value))
    }

    mutating func add(_ key: String, bool value: Bool) {
        add(key, json: value ? "true" : "false")
    }

    /// Adds a list of JSON values; an empty list is left out.
    mutating func add(_ key: String, jsonArray values: [String]) {
        guard !values.isEmpty else { return }
        add(key, json: "[" + values.joined(separator: ",") + "]")
    }

    /// Adds a list of JSON values, present even when empty (for readers that expect every member).
    mutating func add(_ key: String, list values: [String]) {
        add(key, json: "[" + values.joined(separator: ",") + "]")
    }

    var text: String { "{" + members.joined(separator: ",") + "}" }
}
