/// The graph grant expansion walks: an edge S → D says "holders of entitlement S also hold D".
///
/// Built from `GrantExpandable` annotations. Duplicate edges merge as the reference merges them:
/// a deep edge wins over a shallow one, an unfiltered edge (all principal types) wins over a
/// filtered one, and two filters combine.
struct EntitlementGraph {
    struct Edge: Hashable {
        var shallow: Bool
        /// Principal resource types that inherit; `nil` means all.
        var resourceTypeIDs: Set<String>?

        mutating func merge(_ other: Edge) {
            shallow = shallow && other.shallow
            if let mine = resourceTypeIDs, let theirs = other.resourceTypeIDs {
                resourceTypeIDs = mine.union(theirs)
            } else {
                resourceTypeIDs = nil
            }
        }
    }

    private(set) var ids: [String] = []
    private var index: [String: Int] = [:]
    private(set) var edges: [[Int: Edge]] = []

    @discardableResult
    mutating func node(_ entitlementID: String) -> Int {
        if let existing = index[entitlementID] { return existing }
        let id = ids.count
        ids.append(entitlementID)
        index[entitlementID] = id
        edges.append([:])
        return id
    }

    mutating func addEdge(from source: String, to destination: String, _ edge: Edge) {
        let s = node(source)
        let d = node(destination)
        if var existing = edges[s][d] {
            existing.merge(edge)
            edges[s][d] = existing
        } else {
            edges[s][d] = edge
        }
    }

    var isEmpty: Bool { ids.isEmpty }

    /// Strongly connected components (iterative Tarjan), each a list of node ids.
    func stronglyConnectedComponents() -> [[Int]] {
        var indexOf = [Int](repeating: -1, count: ids.count)
        var low = [Int](repeating: 0, count: ids.count)
        var onStack = [Bool](repeating: false, count: ids.count)
        var stack: [Int] = []
        var components: [[Int]] = []
        var counter = 0
        let successors = edges.map { $0.keys.sorted() }

        for root in 0..<ids.count where indexOf[root] == -1 {
            // Each frame: the node and the position in its successor list.
            var frames: [(node: Int, next: Int)] = [(root, 0)]
            indexOf[root] = counter
            low[root] = counter
            counter += 1
            stack.append(root)
            onStack[root] = true
            while let frame = frames.last {
                let v = frame.node
                if frame.next < successors[v].count {
                    frames[frames.count - 1].next += 1
                    let w = successors[v][frame.next]
                    if indexOf[w] == -1 {
                        indexOf[w] = counter
                        low[w] = counter
                        counter += 1
                        stack.append(w)
                        onStack[w] = true
                        frames.append((w, 0))
                    } else if onStack[w] {
                        low[v] = min(low[v], indexOf[w])
                    }
                } else {
                    frames.removeLast()
                    if let parent = frames.last?.node { low[parent] = min(low[parent], low[v]) }
                    if low[v] == indexOf[v] {
                        var component: [Int] = []
                        while let w = stack.popLast() {
                            onStack[w] = false
                            component.append(w)
                            if w == v { break }
                        }
                        components.append(component.sorted())
                    }
                }
            }
        }
        return components
    }

    /// The graph with every cycle collapsed into one node holding all its entitlements: internal
    /// edges are dropped and external ones re-attached (merged by the same rules).
    func condensed() -> CondensedGraph {
        let components = stronglyConnectedComponents()
        var componentOf = [Int](repeating: 0, count: ids.count)
        for (c, members) in components.enumerated() {
            for member in members { componentOf[member] = c }
        }
        var out = [[Int: Edge]](repeating: [:], count: components.count)
        for (s, targets) in edges.enumerated() {
            for (d, edge) in targets {
                let cs = componentOf[s]
                let cd = componentOf[d]
                guard cs != cd else { continue }
                if var existing = out[cs][cd] {
                    existing.merge(edge)
                    out[cs][cd] = existing
                } else {
                    out[cs][cd] = edge
                }
            }
        }
        let members = components.map { $0.map { ids[$0] }.sorted() }
        return CondensedGraph(entitlements: members, edges: out)
    }
}

/// An acyclic graph of entitlement groups.
struct CondensedGraph {
    /// The entitlement ids of each node (one for most, several for a collapsed cycle).
    var entitlements: [[String]]
    var edges: [[Int: EntitlementGraph.Edge]]

    /// Nodes in dependency order (every node after all its predecessors), with each node's depth
    /// (the longest chain of edges leading to it).
    func topologicalOrder() -> (order: [Int], depth: [Int]) {
        var indegree = [Int](repeating: 0, count: entitlements.count)
        for targets in edges { for d in targets.keys { indegree[d] += 1 } }
        // Sorted starts keep the order (and so the write order) deterministic.
        var ready = (0..<entitlements.count).filter { indegree[$0] == 0 }.sorted {
            entitlements[$0].first ?? "" > entitlements[$1].first ?? ""
        }
        var depth = [Int](repeating: 0, count: entitlements.count)
        var order: [Int] = []
        while let node = ready.popLast() {
            order.append(node)
            for d in edges[node].keys.sorted() {
                depth[d] = max(depth[d], depth[node] + 1)
                indegree[d] -= 1
                if indegree[d] == 0 { ready.append(d) }
            }
        }
        return (order, depth)
    }
}
