/// Every file of a new connector, in the order written.
enum ScaffoldTemplates {
    static let all: [ScaffoldTemplate] = [
        client, models, resourceTypes, users, groups, config, connector, main, readme, capabilities, mock, mockRoutes,
        mockTenant, connectorTests, mockTests,
    ]
}
