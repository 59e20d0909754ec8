import BatonProto

/// A task's type, with the body this SDK acts on; the types it does not run keep only their name.
enum TaskKind {
    case none
    case hello
    case syncFull(C1_Connectorapi_Baton_V1_Task.SyncFullTask)
    case grant(C1_Connectorapi_Baton_V1_Task.GrantTask)
    case revoke(C1_Connectorapi_Baton_V1_Task.RevokeTask)
    case createAccount(C1_Connectorapi_Baton_V1_Task.CreateAccountTask)
    case createResource(C1_Connectorapi_Baton_V1_Task.CreateResourceTask)
    case deleteResource(C1_Connectorapi_Baton_V1_Task.DeleteResourceTask)
    case rotateCredentials
    case issueCredential
    /// Event feeds, tickets, actions, sync diffs and compaction: answered "unsupported task type".
    case unsupported(String)

    init(_ task: C1_Connectorapi_Baton_V1_Task) {
        switch task.taskType {
        case nil, .none?: self = .none
        case .hello?: self = .hello
        case .syncFull(let body)?: self = .syncFull(body)
        case .grant(let body)?: self = .grant(body)
        case .revoke(let body)?: self = .revoke(body)
        case .createAccount(let body)?: self = .createAccount(body)
        case .createResource(let body)?: self = .createResource(body)
        case .deleteResource(let body)?: self = .deleteResource(body)
        case .rotateCredentials?: self = .rotateCredentials
        case .issueCredential?: self = .issueCredential
        case .eventFeed?: self = .unsupported("event_feed")
        case .createTicketTask?: self = .unsupported("create_ticket_task")
        case .listTicketSchemas?: self = .unsupported("list_ticket_schemas")
        case .getTicket?: self = .unsupported("get_ticket")
        case .bulkCreateTickets?: self = .unsupported("bulk_create_tickets")
        case .bulkGetTickets?: self = .unsupported("bulk_get_tickets")
        case .actionListSchemas?: self = .unsupported("action_list_schemas")
        case .actionGetSchema?: self = .unsupported("action_get_schema")
        case .actionInvoke?: self = .unsupported("action_invoke")
        case .actionStatus?: self = .unsupported("action_status")
        case .createSyncDiff?: self = .unsupported("create_sync_diff")
        case .compactSyncs?: self = .unsupported("compact_syncs")
        case .listEventFeeds?: self = .unsupported("list_event_feeds")
        case .listEvents?: self = .unsupported("list_events")
        }
    }

    /// The task type as the protocol names it.
    var name: String {
        switch self {
        case .none: "none"
        case .hello: "hello"
        case .syncFull: "sync_full"
        case .grant: "grant"
        case .revoke: "revoke"
        case .createAccount: "create_account"
        case .createResource: "create_resource"
        case .deleteResource: "delete_resource"
        case .rotateCredentials: "rotate_credentials"
        case .issueCredential: "issue_credential"
        case .unsupported(let name): name
        }
    }
}
