import Foundation

/// The progress of a running sync, stored as `v1_sync_runs.sync_token` in the same transaction as
/// the page it follows, so that a killed sync resumes exactly after its last written page.
///
/// The JSON keeps the reference's outer shape (`actions_map`, `action_order`, `version`) so the Go
/// tools recognise it as a checkpoint, and adds what this engine needs to resume its parallel
/// scans compactly (`phase`, `scan`).
struct SyncCheckpoint: Codable, Equatable, Sendable {
    /// One pending connector listing (resources of a type under a parent), with its page token.
    struct Action: Codable, Equatable, Sendable {
        var id: String
        var operation: String
        var page_token: String?
        var resource_type_id: String?
        var resource_id: String?
        var parent_resource_type_id: String?
        var parent_resource_id: String?
    }

    /// Where a scan over the stored resources stands (entitlements and grants phases).
    ///
    /// Resources are visited in row order in windows of stored pages. Everything before
    /// `window_token`'s page is done; within the window, `done` lists finished ordinals (relative
    /// to the window start) and `partial` the upstream page token reached for unfinished ones.
    struct Scan: Codable, Equatable, Sendable {
        var window_token: String = ""
        var done: [Int] = []
        var partial: [String: String] = [:]
    }

    var actions_map: [String: Action] = [:]
    var action_order: [String] = []
    var current_action_id: Int = 0
    var needs_expansion: Bool = false
    var completed_actions_count: Int = 0
    var version: Int = 1
    var phase: String = SyncPhase.resourceTypes.rawValue
    var scan: Scan?
    /// Parents whose child types were already queued (each parent once per sync).
    var spawned_parents: [String]?

    var syncPhase: SyncPhase { SyncPhase(rawValue: phase) ?? .resourceTypes }

    func encoded() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }

    /// Decodes a stored token; an empty or foreign token (e.g. the Go syncer's) starts over.
    static func decode(_ token: String) -> SyncCheckpoint? {
        guard !token.isEmpty, let data = token.data(using: .utf8),
            let checkpoint = try? JSONDecoder().decode(SyncCheckpoint.self, from: data),
            SyncPhase(rawValue: checkpoint.phase) != nil
        else { return nil }
        return checkpoint
    }
}
