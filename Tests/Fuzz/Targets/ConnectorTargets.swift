import BatonHTTP
import BatonSDK
import Foundation
import GitHubConnector
import JiraConnector
import OktaConnector

extension FuzzTarget {
    /// Okta JSON bodies: the first byte picks the endpoint, the rest is the body.
    static let oktaPage = pageTarget("okta-page", "Okta", OktaPageDecoders.all)
    /// GitHub JSON bodies: the first byte picks the endpoint, the rest is the body.
    static let gitHubPage = pageTarget("github-page", "GitHub", GitHubPageDecoders.all)
    /// Jira JSON bodies: the first byte picks the endpoint, the rest is the body.
    static let jiraPage = pageTarget("jira-page", "Jira", JiraPageDecoders.all)

    private static func pageTarget(_ name: String, _ service: String, _ decoders: [JSONBodyDecoder]) -> FuzzTarget {
        FuzzTarget(name, "the \(service) connector's page and lookup bodies (first byte: which)") {
            data throws(FuzzViolation) in
            guard let selector = data.first else { return }
            let decoder = decoders[Int(selector) % decoders.count]
            try FuzzViolation.expecting(BatonError.self, from: "\(service) \(decoder.name) decoding") {
                try decoder.decode(data.dropFirst())
            } check: { error throws(FuzzViolation) in
                try FuzzViolation.oneLine(error.message)
                try FuzzViolation.check(
                    error.message.hasPrefix("failed to unmarshal json response: "),
                    "\(service) \(decoder.name): unexpected error \(error.message)")
            }
        }
    }
}
