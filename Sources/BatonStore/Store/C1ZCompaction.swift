/// Whether ``C1ZStore/save(toC1Z:compaction:)`` saves a compacted copy of the database.
///
/// Compacting (`VACUUM INTO`) rewrites every page into a fresh file: free pages and the bytes of deleted
/// rows are left behind. It costs one more read and write of the whole database (about 1.2 s of a 2 s
/// save for 1M grants), which buys nothing for a file that never deleted anything.
public enum C1ZCompaction: Sendable {
    /// The database is saved as it is.
    case never
    /// A compacted copy is saved.
    case always
    /// A compacted copy is saved when this session deleted a sync (its identity data must not linger in
    /// free pages) or when more than one page in ``freePageShare`` is free; otherwise the database as it is.
    /// What a sync does.
    case whenWorthwhile

    /// One page in this many free makes compacting worthwhile.
    public static let freePageShare = 20
}
