public import Hummingbird

extension Request {
    /// The query parameters, percent- and `+`-decoded; the first occurrence of a name wins.
    public var queryItems: [String: String] {
        guard let query = uri.query else { return [:] }
        var items: [String: String] = [:]
        for (name, value) in QueryString.parse(Substring(query)) where items[name] == nil {
            items[name] = value
        }
        return items
    }
}

extension MockRequestContext {
    /// A path parameter (`{id}` in the route), percent-decoded; empty when absent.
    public func pathParameter(_ name: String) -> String {
        QueryString.decode(Substring(parameters.get(name) ?? ""), plusAsSpace: false)
    }
}
