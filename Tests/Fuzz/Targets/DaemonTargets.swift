import BatonDaemon
import BatonSDK
import Foundation

extension FuzzTarget {
    /// Daemon-mode credentials as a user pastes them: the client id on the first line, the client secret after it.
    /// A pair that parses must sign an assertion whose JSON decodes back to the same client id, whatever characters
    /// it holds; anything else is refused with one line that does not repeat the key.
    static let c1Credentials = FuzzTarget(
        "c1-credentials", "Daemon mode's client id and client secret, and the client assertion made from them"
    ) { data throws(FuzzViolation) in
        let text = String(decoding: data, as: UTF8.self)
        let (idText, secretText) =
            text.firstIndex(of: "\n").map { (String(text[..<$0]), String(text[text.index(after: $0)...])) }
            ?? (text, "")
        var clientID: C1ClientID?
        try FuzzViolation.expecting(BatonError.self, from: "C1ClientID") {
            clientID = try C1ClientID(idText)
        } check: { error throws(FuzzViolation) in
            try FuzzViolation.check(error.code == .invalidArgument, "client id error code \(error.code)")
            try FuzzViolation.oneLine(error.message)
        }
        var secret: C1ClientSecret?
        try FuzzViolation.expecting(BatonError.self, from: "C1ClientSecret") {
            secret = try C1ClientSecret(secretText)
        } check: { error throws(FuzzViolation) in
            try FuzzViolation.check(error.code == .invalidArgument, "client secret error code \(error.code)")
            try FuzzViolation.oneLine(error.message)
            let key = secretText.split(separator: ":", maxSplits: 3).dropFirst(3).first ?? ""
            try FuzzViolation.check(
                key.count < 8 || !error.message.contains(key), "a client secret error repeats the key")
        }
        guard let clientID, let secret else { return }
        try FuzzViolation.check(!clientID.tokenHost.isEmpty, "a client id with an empty token host")
        let assertion: String
        do {
            assertion = try C1ClientAssertion.make(
                clientID: clientID, secret: secret, nonce: String(repeating: "a", count: 32))
        } catch {
            throw FuzzViolation("signing failed: \(error)")
        }
        let parts = assertion.split(separator: ".", omittingEmptySubsequences: false)
        try FuzzViolation.check(parts.count == 3, "an assertion that is not three parts")
        let claims = Data(base64URLEncodedForFuzz: String(parts[1])).flatMap {
            try? JSONSerialization.jsonObject(with: $0) as? [String: Any]
        }
        try FuzzViolation.check(claims?["iss"] as? String == clientID.rawValue, "the issuer does not round-trip")
        try FuzzViolation.check(claims?["aud"] as? String == clientID.audience, "the audience does not round-trip")
    }
}

extension Data {
    fileprivate init?(base64URLEncodedForFuzz text: String) {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        self.init(base64Encoded: base64)
    }
}
