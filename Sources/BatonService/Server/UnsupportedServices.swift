import BatonProto
import GRPCCore
import GRPCProtobuf

/// The `c1.connector.v2` services baton-swift connectors do not offer (event feeds, tickets, actions), registered
/// by method name so a caller gets Unimplemented with a sentence saying which feature is missing, instead of the
/// transport's generic "method not found".
///
/// Requests are read as `Empty` (their fields are kept as unknown bytes and ignored), so these services need none of
/// the message types of features they do not implement.
struct UnsupportedServices: RegistrableRPCService {
    /// Service name, the methods it has, and what a caller is told.
    static let services: [(service: String, methods: [String], feature: String)] = [
        ("c1.connector.v2.EventService", ["ListEvents", "ListEventFeeds"], "event feeds are"),
        (
            "c1.connector.v2.TicketsService",
            [
                "CreateTicket", "GetTicket", "ListTicketSchemas", "GetTicketSchema", "BulkCreateTickets",
                "BulkGetTickets",
            ],
            "ticketing is"
        ),
        (
            "c1.connector.v2.ActionService",
            ["InvokeAction", "GetActionStatus", "GetActionSchema", "ListActionSchemas"],
            "actions are"
        ),
    ]

    func registerMethods<Transport: ServerTransport>(with router: inout RPCRouter<Transport>) {
        for (service, methods, feature) in Self.services {
            for method in methods {
                let message = "\(feature) not supported by this connector (\(service)/\(method))"
                router.registerHandler(
                    forMethod: MethodDescriptor(fullyQualifiedService: service, method: method),
                    deserializer: ProtobufDeserializer<Google_Protobuf_Empty>(),
                    serializer: ProtobufSerializer<Google_Protobuf_Empty>()
                ) { _, _ in
                    throw RPCError(code: .unimplemented, message: message)
                }
            }
        }
    }
}
