@_exported public import BatonProto

/// The Baton record types under short names. They are the generated protobuf messages, so a value
/// built here is exactly what is stored in a c1z file and exchanged with the Go tools.
public typealias Resource = C1_Connector_V2_Resource
/// `c1.connector.v2.ResourceId`: a resource type id plus the resource's own id.
public typealias ResourceID = C1_Connector_V2_ResourceId
/// `c1.connector.v2.ResourceType`.
public typealias ResourceType = C1_Connector_V2_ResourceType
/// `c1.connector.v2.Entitlement`.
public typealias Entitlement = C1_Connector_V2_Entitlement
/// `c1.connector.v2.Grant`.
public typealias Grant = C1_Connector_V2_Grant
/// `c1.connector.v2.V1Identifier`.
public typealias V1Identifier = C1_Connector_V2_V1Identifier
/// A list of `google.protobuf.Any` annotations, as carried by every record.
public typealias Annotations = [Google_Protobuf_Any]
/// A resource's or trait's free-form profile.
public typealias Profile = [String: Google_Protobuf_Value]
