/// Refuses listings that go round in circles: the sync engine keeps one per phase, and a connector that walks
/// pages itself (a lookup through every page) keeps one for that walk.
///
/// A listing can loop without end in two ways: a page token comes back that was already returned (a next link
/// pointing back), or the service answers the same non-empty page again and again. An offset token cannot show
/// the second (`offset + count` is always new) but the items do: a real service never answers two consecutive
/// pages of one listing with the very same items.
///
/// ```swift
/// var loopGuard = PageLoopGuard<String>()
/// try loopGuard.admit("orgs", itemIDs: orgs.map(\.id), next: next, what: "github: list the user's orgs")
/// ```
public struct PageLoopGuard<Listing: Hashable>: Sendable where Listing: Sendable {
    private var seenTokens: [Listing: Set<String>] = [:]
    private var previousItems: [Listing: [String]] = [:]

    public init() {}

    /// Records a page of `listing` holding `itemIDs` whose next token is `next` ("" at the end).
    ///
    /// - Parameter what: the listing as the error names it (`list resources of type user`).
    /// - Throws: `BatonError` `.internal`: "<what>: the connector returned a page token it already returned (…)"
    ///   or "<what>: the connector returned the same page twice (…)".
    public mutating func admit(
        _ listing: Listing, itemIDs: [String], next: String, what: @autoclosure () -> String
    ) throws {
        defer { previousItems[listing] = next.isEmpty ? nil : itemIDs }
        guard !next.isEmpty else {
            seenTokens[listing] = nil
            return
        }
        if seenTokens[listing, default: []].contains(next) {
            throw BatonError(
                .internal,
                "\(what()): the connector returned a page token it already returned (\(next.prefix(60))) - "
                    + "likely a connector bug")
        }
        if !itemIDs.isEmpty, previousItems[listing] == itemIDs {
            throw BatonError(
                .internal,
                "\(what()): the connector returned the same page twice (\(itemIDs.count) items, next page token "
                    + "\(next.prefix(60))) - the service is likely ignoring the page it asked for")
        }
        seenTokens[listing, default: []].insert(next)
    }
}
