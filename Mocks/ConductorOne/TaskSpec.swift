public import BatonProto
import Foundation

/// A task waiting in the mock's queue, and how the mock treats it once handed out.
public struct QueuedTask: Sendable {
    /// The task as `GetTask` hands it out.
    public var task: C1_Connectorapi_Baton_V1_Task
    /// The heartbeat (1-based, counted per task) from which the mock answers `cancelled = true`; nil never.
    public var cancelAfterHeartbeats: Int?

    /// Creates a queue entry.
    public init(task: C1_Connectorapi_Baton_V1_Task, cancelAfterHeartbeats: Int? = nil) {
        self.task = task
        self.cancelAfterHeartbeats = cancelAfterHeartbeats
    }
}

/// The `--task SPEC` language. One spec makes one task, except `@file.json` which makes one per array element.
///
/// ```
/// sync_full                                   full sync
/// sync_full:cancel-after-heartbeats=N         full sync; heartbeat N (and later) answers cancelled
/// grant:ENT_TYPE:ENT_ID:ENT_SLUG:PRINCIPAL_TYPE:PRINCIPAL_ID
///                                             grant entitlement ENT_TYPE:ENT_ID:ENT_SLUG (of resource ENT_TYPE/ENT_ID)
///                                             to resource PRINCIPAL_TYPE/PRINCIPAL_ID
/// revoke:ENT_TYPE:ENT_ID:ENT_SLUG:PRINCIPAL_TYPE:PRINCIPAL_ID
///                                             revoke the grant with id ENT_TYPE:ENT_ID:ENT_SLUG:PRINCIPAL_TYPE:PRINCIPAL_ID
/// create_account:LOGIN[:EMAIL[:RESOURCE_TYPE]]   create an account (no password)
/// delete_resource:TYPE:ID                     delete a resource
/// hello                                       ask for a Hello carrying the task id (no FinishTask expected)
/// unsupported                                 an event_feed task, which the SDK does not handle
/// @tasks.json                                 a JSON array of c1.connectorapi.baton.v1.Task in protobuf JSON
/// ```
///
/// Entitlement ids are `<resource type>:<resource id>:<slug>` and grant ids `<entitlement id>:<principal type>:<principal
/// id>`, as the Go SDK's builders make them; ids that contain `:` need the JSON form. A task from JSON without an
/// `id` gets a fresh one.
public enum TaskSpec {
    /// Parses one spec.
    ///
    /// - Parameter nextID: Makes a fresh task id.
    /// - Throws: ``TaskSpecError`` naming the spec when it does not parse or its file does not load.
    public static func parse(_ spec: String, nextID: () -> String) throws(TaskSpecError) -> [QueuedTask] {
        if spec.hasPrefix("@") {
            let path = String(spec.dropFirst())
            guard let data = FileManager.default.contents(atPath: path) else {
                throw TaskSpecError("cannot read task file \(path)")
            }
            return try parseJSON(Array(data), nextID: nextID)
        }
        let parts = spec.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        var task = C1_Connectorapi_Baton_V1_Task()
        task.id = nextID()
        task.status = .pending
        var cancelAfter: Int?
        func need(_ count: ClosedRange<Int>, _ syntax: String) throws(TaskSpecError) {
            guard count.contains(parts.count - 1), parts.dropFirst().allSatisfy({ !$0.isEmpty }) else {
                throw TaskSpecError("'\(spec)' does not match \(syntax)")
            }
        }
        switch parts[0] {
        case "sync_full":
            task.syncFull = .init()
            for option in parts.dropFirst() {
                let pair = option.split(separator: "=", maxSplits: 1).map(String.init)
                guard pair.count == 2, pair[0] == "cancel-after-heartbeats", let count = Int(pair[1]), count >= 1
                else { throw TaskSpecError("'\(spec)' does not match sync_full[:cancel-after-heartbeats=N], N ≥ 1") }
                cancelAfter = count
            }
        case "grant":
            try need(5...5, "grant:ENT_TYPE:ENT_ID:ENT_SLUG:PRINCIPAL_TYPE:PRINCIPAL_ID")
            var grant = C1_Connectorapi_Baton_V1_Task.GrantTask()
            grant.entitlement = entitlement(parts[1], parts[2], parts[3])
            grant.principal = resource(parts[4], parts[5])
            task.grant = grant
        case "revoke":
            try need(5...5, "revoke:ENT_TYPE:ENT_ID:ENT_SLUG:PRINCIPAL_TYPE:PRINCIPAL_ID")
            var grant = C1_Connector_V2_Grant()
            grant.entitlement = entitlement(parts[1], parts[2], parts[3])
            grant.principal = resource(parts[4], parts[5])
            grant.id = "\(grant.entitlement.id):\(parts[4]):\(parts[5])"
            var revoke = C1_Connectorapi_Baton_V1_Task.RevokeTask()
            revoke.grant = grant
            task.revoke = revoke
        case "create_account":
            try need(1...3, "create_account:LOGIN[:EMAIL[:RESOURCE_TYPE]]")
            var info = C1_Connector_V2_AccountInfo()
            info.login = parts[1]
            if parts.count > 2 {
                var email = C1_Connector_V2_AccountInfo.Email()
                email.address = parts[2]
                email.isPrimary = true
                info.emails = [email]
            }
            var create = C1_Connectorapi_Baton_V1_Task.CreateAccountTask()
            create.accountInfo = info
            create.credentialOptions.noPassword = .init()
            if parts.count > 3 { create.resourceTypeID = parts[3] }
            task.createAccount = create
        case "delete_resource":
            try need(2...2, "delete_resource:TYPE:ID")
            var delete = C1_Connectorapi_Baton_V1_Task.DeleteResourceTask()
            delete.resourceID = resourceID(parts[1], parts[2])
            task.deleteResource = delete
        case "hello":
            try need(0...0, "hello")
            task.hello = .init()
        case "unsupported":
            try need(0...0, "unsupported")
            task.eventFeed = .init()
        default:
            throw TaskSpecError(
                "unknown task '\(parts[0])' (sync_full, grant, revoke, create_account, delete_resource, hello, unsupported, @file.json)"
            )
        }
        return [QueuedTask(task: task, cancelAfterHeartbeats: cancelAfter)]
    }

    /// Parses a JSON array of tasks in protobuf JSON (`[{"syncFull":{}}, {"id":"…","grant":{…}}]`).
    public static func parseJSON(_ bytes: [UInt8], nextID: () -> String) throws(TaskSpecError) -> [QueuedTask] {
        let tasks: [C1_Connectorapi_Baton_V1_Task]
        do {
            tasks = try C1_Connectorapi_Baton_V1_Task.array(fromJSONUTF8Bytes: bytes)
        } catch {
            throw TaskSpecError("the tasks are not a JSON array of c1.connectorapi.baton.v1.Task: \(error)")
        }
        return tasks.map { task in
            var task = task
            if task.id.isEmpty { task.id = nextID() }
            return QueuedTask(task: task)
        }
    }

    static func resourceID(_ type: String, _ id: String) -> C1_Connector_V2_ResourceId {
        var resourceID = C1_Connector_V2_ResourceId()
        resourceID.resourceType = type
        resourceID.resource = id
        return resourceID
    }

    static func resource(_ type: String, _ id: String) -> C1_Connector_V2_Resource {
        var resource = C1_Connector_V2_Resource()
        resource.id = resourceID(type, id)
        resource.displayName = id
        return resource
    }

    static func entitlement(_ type: String, _ id: String, _ slug: String) -> C1_Connector_V2_Entitlement {
        var entitlement = C1_Connector_V2_Entitlement()
        entitlement.id = "\(type):\(id):\(slug)"
        entitlement.resource = resource(type, id)
        entitlement.slug = slug
        entitlement.displayName = "\(id) \(slug)"
        return entitlement
    }

    /// The name of a task's type as the proto names its oneof field (`sync_full`, `grant`, …; `none` when unset).
    public static func typeName(_ task: C1_Connectorapi_Baton_V1_Task) -> String {
        switch task.taskType {
        case nil, .none?: "none"
        case .hello?: "hello"
        case .syncFull?: "sync_full"
        case .grant?: "grant"
        case .revoke?: "revoke"
        case .createAccount?: "create_account"
        case .createResource?: "create_resource"
        case .deleteResource?: "delete_resource"
        case .rotateCredentials?: "rotate_credentials"
        case .eventFeed?: "event_feed"
        case .createTicketTask?: "create_ticket_task"
        case .listTicketSchemas?: "list_ticket_schemas"
        case .getTicket?: "get_ticket"
        case .bulkCreateTickets?: "bulk_create_tickets"
        case .bulkGetTickets?: "bulk_get_tickets"
        case .actionListSchemas?: "action_list_schemas"
        case .actionGetSchema?: "action_get_schema"
        case .actionInvoke?: "action_invoke"
        case .actionStatus?: "action_status"
        case .createSyncDiff?: "create_sync_diff"
        case .compactSyncs?: "compact_syncs"
        case .listEventFeeds?: "list_event_feeds"
        case .listEvents?: "list_events"
        case .issueCredential?: "issue_credential"
        }
    }
}

/// A `--task` spec that does not parse.
public struct TaskSpecError: Error, Sendable, CustomStringConvertible {
    /// One line naming the spec and the expected syntax.
    public var message: String

    init(_ message: String) { self.message = message }

    public var description: String { message }
}
