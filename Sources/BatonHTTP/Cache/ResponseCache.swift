import Crypto
import Foundation
import Synchronization

/// An in-memory GET response cache with a time-to-live and a byte budget (least recently used evicted first).
actor ResponseCache {
    struct Entry {
        var status: Int
        var reason: String
        var headers: HTTPHeaderFields
        var body: Data
        var expiresAt: ContinuousClock.Instant
        var size: Int
        var generation: UInt64
    }

    private let configuration: CacheConfiguration
    private var entries: [String: Entry] = [:]
    private var totalBytes = 0
    /// Recency queue with lazy deletion: a slot is stale when its generation no longer matches the entry's.
    private var recency: [(key: String, generation: UInt64)] = []
    private var recencyHead = 0
    private var generation: UInt64 = 0
    private(set) var hits = 0
    private(set) var misses = 0

    init(configuration: CacheConfiguration) {
        self.configuration = configuration
    }

    func lookup(_ key: String, now: ContinuousClock.Instant = .now) -> Entry? {
        guard var entry = entries[key] else {
            misses += 1
            return nil
        }
        guard entry.expiresAt > now else {
            remove(key)
            misses += 1
            return nil
        }
        hits += 1
        entry.generation = touch(key)
        entries[key] = entry
        return entry
    }

    func store(
        _ key: String, status: Int, reason: String, headers: HTTPHeaderFields, body: Data,
        now: ContinuousClock.Instant = .now
    ) {
        let size =
            key.utf8.count + body.count
            + headers.reduce(0) { $0 + $1.name.utf8.count + $1.value.utf8.count }
        // An entry larger than the whole budget would only evict everything else and then itself.
        guard size <= configuration.maxBytes else { return }
        remove(key)
        let entry = Entry(
            status: status, reason: reason, headers: headers, body: body,
            expiresAt: now + configuration.timeToLive, size: size, generation: touch(key))
        entries[key] = entry
        totalBytes += size
        evictUntilWithinBudget()
    }

    func clear() {
        entries.removeAll()
        recency.removeAll()
        recencyHead = 0
        totalBytes = 0
    }

    var count: Int { entries.count }

    private func touch(_ key: String) -> UInt64 {
        generation += 1
        recency.append((key, generation))
        compactRecencyIfNeeded()
        return generation
    }

    private func remove(_ key: String) {
        guard let entry = entries.removeValue(forKey: key) else { return }
        totalBytes -= entry.size
    }

    private func evictUntilWithinBudget() {
        while totalBytes > configuration.maxBytes, recencyHead < recency.count {
            let slot = recency[recencyHead]
            recencyHead += 1
            if let entry = entries[slot.key], entry.generation == slot.generation {
                remove(slot.key)
            }
        }
        compactRecencyIfNeeded()
    }

    private func compactRecencyIfNeeded() {
        guard recency.count > 64,
            recency.count - recencyHead > 2 * entries.count || recencyHead > recency.count / 2
        else { return }
        recency = recency[recencyHead...].filter { entries[$0.key]?.generation == $0.generation }
        recencyHead = 0
    }
}

extension ResponseCache {
    /// The cache key of a request: a SHA-256 over scheme, host, port, path, the sorted query, the headers that
    /// change a response and a hash of the credential headers.
    ///
    /// Unlike the reference, which ignores host and credential, two tenants or two users never share an entry.
    static func key(for request: HTTPRequest, keyHeaders: [String]) -> String {
        let url = request.resolvedURL
        var text = (url.scheme ?? "").lowercased() + "://" + (url.host ?? "").lowercased()
        if let port = url.port { text += ":\(port)" }
        text += URLComponents(url: url, resolvingAgainstBaseURL: false)?.percentEncodedPath ?? url.path
        let query = (URLComponents(url: url, resolvingAgainstBaseURL: false)?.percentEncodedQuery ?? "")
            .split(separator: "&")
            .sorted()
            .joined(separator: "&")
        text += "?" + query
        let names = Set((["Accept", "Content-Type", "Range"] + keyHeaders).map { $0.lowercased() })
        let varying = request.headers
            .filter { names.contains($0.name.lowercased()) }
            .map { "\($0.name.lowercased())=\($0.value)" }
            .sorted()
        text += "&headers=" + varying.joined(separator: "&")
        let credential = request.headers
            .filter { Redaction.isSensitiveHeader($0.name) }
            .map { "\($0.name.lowercased())=\($0.value)" }
            .sorted()
            .joined(separator: "\n")
        text += "&credential=" + hex(SHA256.hash(data: Data(credential.utf8)))
        return hex(SHA256.hash(data: Data(text.utf8)))
    }

    private static func hex(_ digest: SHA256.Digest) -> String {
        digest.map { byte in
            let text = String(byte, radix: 16)
            return byte < 16 ? "0" + text : text
        }.joined()
    }
}

/// Every live client cache, so the end of a sync can clear them all (the reference's `ClearCaches`).
enum ResponseCacheRegistry {
    private final class WeakCache: Sendable {
        weak let cache: ResponseCache?
        init(_ cache: ResponseCache) { self.cache = cache }
    }

    private static let caches = Mutex<[WeakCache]>([])

    static func register(_ cache: ResponseCache) {
        caches.withLock { list in
            list.removeAll { $0.cache == nil }
            list.append(WeakCache(cache))
        }
    }

    static func clearAll() async {
        let live = caches.withLock { list in
            list.removeAll { $0.cache == nil }
            return list.compactMap(\.cache)
        }
        for cache in live {
            await cache.clear()
        }
    }
}
