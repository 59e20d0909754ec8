/// Prints a list item by item in the chosen format: JSON streamed as `{"<key>":[…]}`, or a console
/// table printed once complete (its column widths depend on every row).
struct ListOutput {
    let format: OutputFormat
    private let output: OutputBuffer
    private var json: JSONListWriter
    private var table: ConsoleTable

    init(_ format: OutputFormat, jsonKey: String, headers: [String], output: OutputBuffer) {
        self.format = format
        self.output = output
        self.json = JSONListWriter(key: jsonKey, output: output)
        self.table = ConsoleTable(headers: headers)
    }

    /// Adds one item; only the closure for the chosen format runs.
    mutating func append(json makeJSON: () throws -> String, row makeRow: () throws -> [String]) rethrows {
        switch format {
        case .json: json.append(try makeJSON())
        case .console: table.append(try makeRow())
        }
    }

    func finish() {
        switch format {
        case .json: json.finish()
        case .console: output.write(table.rendered())
        }
    }
}
