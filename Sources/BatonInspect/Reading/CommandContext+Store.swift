import BatonStore

extension CommandContext {
    /// How c1z files are unpacked: into `BATON_TMPDIR` when set, with the `BATON_DECODER_*` limits, and
    /// without upgrading the private copy's schema (the reads tolerate older files, and skipping the
    /// migrations keeps opening a large old file quick).
    var readOptions: C1ZReadOptions {
        C1ZReadOptions(
            temporaryDirectory: environment["BATON_TMPDIR"], limits: .fromEnvironment(environment),
            applyMigrations: false)
    }

    /// Opens the c1z at `path`, runs `body` with it, and closes it (removing the unpacked copy).
    func withStore<Result>(_ path: String, _ body: (C1ZStore) throws -> Result) throws -> Result {
        let store = try C1ZStore.open(c1z: path, options: readOptions)
        defer { try? store.close() }
        return try body(store)
    }

    /// Opens the file named by the global options and resolves the sync to read, then runs `body`.
    func withSync<Result>(_ global: GlobalOptions, _ body: (RecordLookup) throws -> Result) throws -> Result {
        try withStore(global.file) { store in
            try body(RecordLookup(store: store, syncID: try store.resolveSyncID(global.syncID)))
        }
    }
}

extension CommandContext {
    /// Opens the sync the global options name, lets `body` add the items of a list, and prints the
    /// list in the chosen format.
    func printList(
        _ global: GlobalOptions, jsonKey: String, headers: [String],
        _ body: (RecordLookup, inout ListOutput) throws -> Void
    ) throws {
        try withSync(global) { lookup in
            var list = ListOutput(global.outputFormat, jsonKey: jsonKey, headers: headers, output: output)
            try body(lookup, &list)
            list.finish()
        }
    }
}

/// The pages of one listing, read one after the other by following page tokens.
struct Pages<Item: Sendable> {
    let fetch: (_ pageToken: String) throws -> RecordPage<Item>

    init(_ fetch: @escaping (_ pageToken: String) throws -> RecordPage<Item>) {
        self.fetch = fetch
    }

    /// Calls `body` for every item of every page, one page in memory at a time.
    func forEachItem(_ body: (Item) throws -> Void) throws {
        var pageToken = ""
        repeat {
            let page = try fetch(pageToken)
            for item in page.items {
                try body(item)
            }
            pageToken = page.nextPageToken
        } while !pageToken.isEmpty
    }
}
