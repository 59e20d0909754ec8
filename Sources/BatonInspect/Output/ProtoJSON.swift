import BatonProto
import Foundation

/// Protobuf JSON as the Go tool prints it: lowerCamelCase names, enums by name, 64-bit integers as
/// strings, `Any` values as objects led by `"@type"`. Map fields are written in key order; the members
/// of a `google.protobuf.Struct` (a trait's `profile`) come in whatever order decoding left them, as in
/// Go, so compare such output as parsed JSON.
///
/// Numbers are spelled as Go spells them (``GoJSON/goNumbers(_:)``): a profile's `"apps_count":1`, not `1.0`.
///
/// SwiftProtobuf refuses to print an `Any` whose type it does not know (or whose contents do not
/// decode). Such annotations are printed as `{"@type": "…"}` alone rather than failing the listing.
enum ProtoJSON {
    private static let options: JSONEncodingOptions = {
        var options = JSONEncodingOptions()
        options.useDeterministicOrdering = true
        return options
    }()

    static func string(_ message: some AnyCarrying) throws -> String {
        do {
            return GoJSON.goNumbers(try message.jsonString(options: options))
        } catch {
            // The common case prints directly; only a failing record pays for the walk.
            var printable = message
            printable.makeAnysPrintable()
            do {
                return GoJSON.goNumbers(try printable.jsonString(options: options))
            } catch {
                throw InspectError(
                    .encoding, "cannot print \(type(of: message).protoMessageName) as JSON: \(error)")
            }
        }
    }

    /// JSON of a message that holds no `Any`.
    static func plainString(_ message: some SwiftProtobuf.Message) throws -> String {
        do {
            return GoJSON.goNumbers(try message.jsonString(options: options))
        } catch {
            throw InspectError(.encoding, "cannot print \(type(of: message).protoMessageName) as JSON: \(error)")
        }
    }

    /// JSON of one annotation as it prints inside a record: the `Any` itself, or its stand-in from
    /// ``printable(_:)`` when it does not print.
    static func annotationString(_ any: Google_Protobuf_Any) throws -> String {
        do {
            return GoJSON.goNumbers(try any.jsonString(options: options))
        } catch {
            return try plainString(printable(any))
        }
    }

    /// The JSON of `message` with every object's members sorted and numbers normalised, so two
    /// records with equal contents give equal text whatever order their maps (e.g. a trait's `profile`
    /// Struct) were encoded or decoded in.
    static func canonicalString(_ message: some AnyCarrying) throws -> String {
        let text = try string(message)
        do {
            let value = try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
            let data = try JSONSerialization.data(withJSONObject: value, options: [.sortedKeys, .fragmentsAllowed])
            return String(decoding: data, as: UTF8.self)
        } catch {
            throw InspectError(
                .encoding, "cannot normalise the JSON of \(type(of: message).protoMessageName): \(error)")
        }
    }

    /// `any` itself when it prints; otherwise an `Any` with only its type URL, which prints as
    /// `{"@type": "…"}` without needing the type (or `{}` when the URL itself is unusable).
    static func printable(_ any: Google_Protobuf_Any) -> Google_Protobuf_Any {
        if (try? any.jsonString(options: options)) != nil {
            return any
        }
        var stub = Google_Protobuf_Any()
        if any.typeURL.contains("/") {
            stub.typeURL = any.typeURL
        }
        return stub
    }
}

/// A record type whose `Any` annotations (its own and those of the records it embeds) can be
/// replaced by printable stand-ins.
protocol AnyCarrying: SwiftProtobuf.Message {
    mutating func makeAnysPrintable()
}

extension C1_Connector_V2_ResourceType: AnyCarrying {
    mutating func makeAnysPrintable() {
        annotations = annotations.map(ProtoJSON.printable)
    }
}

extension C1_Connector_V2_Resource: AnyCarrying {
    mutating func makeAnysPrintable() {
        annotations = annotations.map(ProtoJSON.printable)
    }
}

extension C1_Connector_V2_Entitlement: AnyCarrying {
    mutating func makeAnysPrintable() {
        annotations = annotations.map(ProtoJSON.printable)
        if hasResource {
            resource.makeAnysPrintable()
        }
        for index in grantableTo.indices {
            grantableTo[index].makeAnysPrintable()
        }
    }
}

extension C1_Connector_V2_Grant: AnyCarrying {
    mutating func makeAnysPrintable() {
        annotations = annotations.map(ProtoJSON.printable)
        if hasEntitlement {
            entitlement.makeAnysPrintable()
        }
        if hasPrincipal {
            principal.makeAnysPrintable()
        }
    }
}
