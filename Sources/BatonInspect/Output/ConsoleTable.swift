/// A table for people: cells padded to their column and joined by ` | `, header first, then a blank
/// line (the layout of the Go tool's tables).
///
/// Columns shrink, widest first, until a line fits ``maxWidth`` characters; cells that no longer fit
/// end in `…`.
struct ConsoleTable {
    var headers: [String]
    var rows: [[String]] = []
    var maxWidth = 80

    private static let separator = " | "
    /// Columns are not shrunk below this many characters.
    private static let minimumColumnWidth = 6

    init(headers: [String]) {
        self.headers = headers
    }

    mutating func append(_ row: [String]) {
        rows.append(row.map(Self.flattened))
    }

    /// The table as text, every line ending in a newline, followed by one empty line.
    func rendered() -> String {
        let widths = columnWidths()
        var text = ""
        for row in [headers] + rows {
            let cells = widths.indices.map { index in
                Self.fitted(index < row.count ? row[index] : "", width: widths[index])
            }
            text += cells.joined(separator: Self.separator) + "\n"
        }
        return text + "\n"
    }

    private func columnWidths() -> [Int] {
        var widths = headers.map(\.count)
        for row in rows {
            for (index, cell) in row.enumerated() where index < widths.count {
                widths[index] = max(widths[index], cell.count)
            }
        }
        let separators = Self.separator.count * max(widths.count - 1, 0)
        var total = widths.reduce(separators, +)
        while total > maxWidth {
            guard let widest = widths.indices.max(by: { widths[$0] < widths[$1] }),
                widths[widest] > Self.minimumColumnWidth
            else { break }
            widths[widest] -= 1
            total -= 1
        }
        return widths
    }

    private static func fitted(_ cell: String, width: Int) -> String {
        let length = cell.count
        if length > width {
            return String(cell.prefix(width - 1)) + "…"
        }
        return cell + String(repeating: " ", count: width - length)
    }

    /// Line breaks and tabs would break the layout; show them as spaces.
    private static func flattened(_ cell: String) -> String {
        guard cell.contains(where: { $0.isNewline || $0 == "\t" }) else { return cell }
        return String(cell.map { $0.isNewline || $0 == "\t" ? " " : $0 })
    }
}
