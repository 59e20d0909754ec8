/// One c1z table: its name and the exact statements that create it and its indexes.
///
/// The text is byte-for-byte what the Go SDK executes (including its tabs, comments and the swapped
/// index names on `v1_resources`), because SQLite stores it in `sqlite_master` and tools compare it.
struct TableSchema: Sendable {
    let name: String
    let statements: [String]
}

/// The c1z format v1 schema (SDK v0.25.0), in the order the Go SDK creates it: sync runs come before
/// grants because the grants migration reads them.
enum C1ZSchema {
    static let tables: [TableSchema] = [
        resourceTypes, resources, entitlements, syncRuns, grants, assets, connectorSessions,
    ]

    /// `v1_resource_types`.
    static let resourceTypes = TableSchema(
        name: "v1_resource_types",
        statements: [
            """
            create table if not exists v1_resource_types (
                id integer primary key,
                external_id text not null,
                data blob not null,
                sync_id text not null,
                discovered_at datetime not null
            )
            """,
            """
            create unique index if not exists idx_resource_types_external_sync_v1 on v1_resource_types (external_id, \
            sync_id)
            """,
        ])

    /// `v1_resources`.
    static let resources = TableSchema(
        name: "v1_resources",
        statements: [
            """
            create table if not exists v1_resources (
                id integer primary key,
                resource_type_id text not null,
                external_id text not null,
            \tparent_resource_type_id text,
            \tparent_resource_id text,
                data blob not null,
                sync_id text not null,
                discovered_at datetime not null
            )
            """,
            "create index if not exists idx_resources_resource_type_id_v1 on v1_resources (resource_type_id)",
            """
            create index if not exists idx_resources_external_sync_v1 on v1_resources (parent_resource_type_id, \
            parent_resource_id)
            """,
            """
            create unique index if not exists idx_resources_parent_resource_id_v1 on v1_resources (external_id, sync_id)
            """,
        ])

    /// `v1_entitlements`.
    static let entitlements = TableSchema(
        name: "v1_entitlements",
        statements: [
            """
            create table if not exists v1_entitlements (
                id integer primary key,
                resource_type_id text not null,
                resource_id text not null,
                external_id text not null,
                data blob not null,
                sync_id text not null,
                discovered_at datetime not null
            )
            """,
            """
            create index if not exists idx_entitlements_resource_id_v1 on v1_entitlements (resource_type_id, \
            resource_id)
            """,
            """
            create unique index if not exists idx_entitlements_external_sync_v1 on v1_entitlements (external_id, \
            sync_id)
            """,
        ])

    /// `v1_sync_runs`.
    static let syncRuns = TableSchema(
        name: "v1_sync_runs",
        statements: [
            """
            create table if not exists v1_sync_runs (
                id integer primary key,
                sync_id text not null,
                started_at datetime not null,
                ended_at datetime,
                sync_token text not null,
                sync_type text not null default 'full',
                parent_sync_id text not null default '',
                linked_sync_id text not null default '',
                supports_diff integer not null default 0,
                grants_backfilled integer not null default 0,
            \t\tstats text,
                ingest_invariant_generation text not null default '',
                ingest_invariant_coverage text not null default '',
                ingest_invariant_mode text not null default ''
            )
            """,
            "create unique index if not exists idx_sync_runs_sync_id_v1 on v1_sync_runs (sync_id)",
        ])

    /// `v1_grants`.
    static let grants = TableSchema(
        name: "v1_grants",
        statements: [
            """
            create table if not exists v1_grants (
                id integer primary key,
            \tresource_type_id text not null,
                resource_id text not null,
                entitlement_id text not null,
                principal_resource_type_id text not null,
                principal_resource_id text not null,
                external_id text not null,
                expansion blob,                             -- Serialized GrantExpandable proto; NULL if grant is not \
            expandable.
                needs_expansion integer not null default 0, -- 1 if grant should be processed during expansion.
                data blob not null,
                sync_id text not null,
                discovered_at datetime not null
            )
            """,
            """
            create index if not exists idx_grants_resource_type_id_resource_id_v1 on v1_grants (resource_type_id, \
            resource_id)
            """,
            """
            create index if not exists idx_grants_principal_id_v1 on v1_grants (principal_resource_type_id, \
            principal_resource_id)
            """,
            """
            create index if not exists idx_grants_entitlement_id_principal_id_v1 on v1_grants (entitlement_id, \
            principal_resource_type_id, principal_resource_id)
            """,
            "create unique index if not exists idx_grants_external_sync_v1 on v1_grants (external_id, sync_id)",
            """
            create index if not exists idx_grants_entitlement_sync_grant_v1 on v1_grants (entitlement_id, sync_id, id)
            """,
        ])

    /// `v1_assets`.
    static let assets = TableSchema(
        name: "v1_assets",
        statements: [
            """
            create table if not exists v1_assets (
                id integer primary key,
                external_id text not null,
                content_type text not null,
                data blob not null,
                sync_id text not null,
                discovered_at datetime not null
            )
            """,
            "create unique index if not exists idx_assets_external_sync_v1 on v1_assets (external_id, sync_id)",
        ])

    /// `v1_connector_sessions`.
    static let connectorSessions = TableSchema(
        name: "v1_connector_sessions",
        statements: [
            """
            CREATE TABLE IF NOT EXISTS v1_connector_sessions (
                id integer primary key,
            \tsync_id text NOT NULL,
            \tkey TEXT NOT NULL,
            \tvalue BLOB NOT NULL
            )
            """,
            "create unique index if not exists idx_session_store_sync_key_v1 on v1_connector_sessions (sync_id, key)",
        ])

    /// Partial indexes the Go SDK creates in its grants migration, after the expansion columns exist.
    static let grantPartialIndexes = [
        "create index if not exists idx_grants_sync_expansion_v1 on v1_grants (sync_id) where expansion is not null",
        """
        create index if not exists idx_grants_sync_needs_expansion_v1 on v1_grants (sync_id) where needs_expansion = 1
        """,
    ]

    /// Columns added to `v1_sync_runs` by migrations, for files written before they existed.
    static let syncRunsAddedColumns: [(name: String, definition: String)] = [
        ("sync_type", "text not null default 'full'"),
        ("parent_sync_id", "text not null default ''"),
        ("linked_sync_id", "text not null default ''"),
        ("supports_diff", "integer not null default 0"),
        ("grants_backfilled", "integer not null default 0"),
        ("stats", "text"),
        ("ingest_invariant_generation", "text not null default ''"),
        ("ingest_invariant_coverage", "text not null default ''"),
        ("ingest_invariant_mode", "text not null default ''"),
    ]

    /// Columns added to `v1_grants` by migrations.
    static let grantsAddedColumns: [(name: String, definition: String)] = [
        ("expansion", "blob"),
        ("needs_expansion", "integer not null default 0"),
    ]
}
