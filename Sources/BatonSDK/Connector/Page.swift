/// What a connector is asked for one page: the token it returned last time and the sync's id.
public struct PageRequest: Sendable, Equatable {
    /// The token from the previous page; "" for the first page.
    public var pageToken: String
    /// Requested page size; 0 lets the connector choose (the sync engine always sends 0).
    public var pageSize: Int
    /// The id of the sync this call belongs to ("" outside a sync).
    public var syncID: String

    public init(pageToken: String = "", pageSize: Int = 0, syncID: String = "") {
        self.pageToken = pageToken
        self.pageSize = pageSize
        self.syncID = syncID
    }
}

/// One page of results from a connector.
public struct Page<Item: Sendable>: Sendable {
    public var items: [Item]
    /// The token for the next page; "" when this was the last one.
    public var nextPageToken: String
    /// Response annotations (e.g. `RateLimitWaitReport`).
    public var annotations: Annotations

    public init(_ items: [Item] = [], nextPageToken: String = "", annotations: Annotations = []) {
        self.items = items
        self.nextPageToken = nextPageToken
        self.annotations = annotations
    }

    /// An empty last page.
    public static var empty: Page { Page() }
}
