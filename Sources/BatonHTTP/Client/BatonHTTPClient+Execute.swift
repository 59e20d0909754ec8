import AsyncHTTPClient
import BatonSDK
import Foundation
import Logging
import NIOCore
import NIOHTTP1

extension BatonHTTPClient {
    /// Adds the default headers and encodes the body once, so every attempt sends the same bytes.
    func prepare(_ request: inout HTTPRequest) throws -> Data? {
        if !request.headers.contains("User-Agent") {
            request.headers["User-Agent"] = configuration.userAgentHeader
        }
        for field in configuration.defaultHeaders where !request.headers.contains(field.name) {
            request.headers.add(name: field.name, value: field.value)
        }
        let encoded: (Data, String)?
        switch request.body {
        case .none:
            encoded = nil
        case .json(let value):
            do {
                encoded = (try JSONEncoder().encode(value), "application/json")
            } catch {
                throw BatonError(
                    .invalidArgument,
                    "\(request.method) \(request.target): encoding JSON body: \(DecodingErrorSummary.describe(error))"
                )
            }
        case .form(let fields):
            encoded = (Data(FormEncoding.encode(fields).utf8), "application/x-www-form-urlencoded")
        case .raw(let data, let contentType):
            encoded = (data, contentType)
        }
        guard let (data, contentType) = encoded else { return nil }
        if !request.headers.contains("Content-Type") {
            request.headers["Content-Type"] = contentType
        }
        return data
    }

    /// One attempt through the concurrency and rate limiters.
    ///
    /// - Throws: ``TransportFailure`` when no response arrived.
    func perform(_ request: HTTPRequest, body: Data?) async throws -> HTTPResponse {
        do {
            if let concurrencyLimiter {
                return try await concurrencyLimiter.withPermit {
                    try await self.execute(request, body: body)
                }
            }
            return try await execute(request, body: body)
        } catch let failure as TransportFailure {
            throw failure
        } catch {
            // Cancellation while waiting for a permit or a rate slot.
            throw TransportFailure(classifying: error)
        }
    }

    private func execute(_ request: HTTPRequest, body: Data?) async throws -> HTTPResponse {
        try await rateLimiter?.take()
        let url = request.resolvedURL
        var outgoing = HTTPClientRequest(url: url.absoluteString)
        outgoing.method = NIOHTTP1.HTTPMethod(rawValue: request.method.rawValue)
        for field in request.headers {
            outgoing.headers.add(name: field.name, value: field.value)
        }
        if let body {
            outgoing.body = .bytes(ByteBuffer(bytes: body))
        }
        logRequest(request, url: url)
        let started = ContinuousClock.now
        do {
            let deadline = NIODeadline.now() + TimeAmount(configuration.timeout)
            let incoming = try await transport.client.execute(outgoing, deadline: deadline)
            let bytes = try await incoming.body.collect(upTo: configuration.maxResponseBytes)
            let headers = HTTPHeaderFields(incoming.headers.map { ($0.name, $0.value) })
            let status = Int(incoming.status.code)
            let response = HTTPResponse(
                method: request.method, url: url, status: status, reason: incoming.status.reasonPhrase,
                headers: headers, body: Data(bytes.readableBytesView),
                rateLimit: RateLimitParser.parse(headers: headers, status: status))
            logResponse(response, elapsed: ContinuousClock.now - started)
            return response
        } catch is NIOTooManyBytesError {
            throw TransportFailure.other(
                "response body larger than \(configuration.maxResponseBytes) bytes")
        } catch {
            let failure = TransportFailure(classifying: error)
            configuration.logger.debug(
                "HTTP transport failure",
                metadata: [
                    "http.method": "\(request.method)", "http.target": "\(request.target)",
                    "http.failure": "\(failure.summary)",
                    "http.elapsed_ms": "\((ContinuousClock.now - started).milliseconds)",
                ])
            throw failure
        }
    }
}

// MARK: - Logging

extension BatonHTTPClient {
    private func logRequest(_ request: HTTPRequest, url: URL) {
        let logger = configuration.logger
        guard logger.logLevel <= .debug else { return }
        logger.debug(
            "HTTP request",
            metadata: [
                "http.method": "\(request.method)",
                "http.url": "\(Redaction.redacted(url))",
                "http.headers": .dictionary(Self.metadata(Redaction.redacted(request.headers))),
            ])
    }

    private func logResponse(_ response: HTTPResponse, elapsed: Duration) {
        let logger = configuration.logger
        guard logger.logLevel <= .debug else { return }
        let rateHeaders = HTTPHeaderFields(
            response.headers.fields.filter {
                RateLimitParser.loggedHeaders.contains($0.name.lowercased())
            })
        logger.debug(
            "HTTP response",
            metadata: [
                "http.method": "\(response.method)",
                "http.url": "\(Redaction.redacted(response.url))",
                "http.status": "\(response.status)",
                "http.bytes": "\(response.body.count)",
                "http.elapsed_ms": "\(elapsed.milliseconds)",
                "http.rate_limit_headers": .dictionary(Self.metadata(Redaction.redacted(rateHeaders))),
            ])
    }

    func log(cacheHit request: HTTPRequest) {
        configuration.logger.debug(
            "HTTP cache hit",
            metadata: [
                "http.method": "\(request.method)",
                "http.url": "\(Redaction.redacted(request.resolvedURL))",
            ])
    }

    private static func metadata(_ headers: HTTPHeaderFields) -> Logger.Metadata {
        var metadata: Logger.Metadata = [:]
        for field in headers {
            let key = field.name.lowercased()
            if let existing = metadata[key] {
                metadata[key] = "\(existing), \(field.value)"
            } else {
                metadata[key] = "\(field.value)"
            }
        }
        return metadata
    }
}
