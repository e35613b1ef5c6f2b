import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A small synchronous HTTP client for one OpenSearch index: credentials from the environment,
/// TLS verified (URLSession's default: no option turns it off), a timeout per request, and
/// retries with exponential backoff on what a busy or restarting cluster answers — no answer
/// at all, 429 (too many requests: the bulk queue is full), 502, 503, 504 — honouring
/// Retry-After.
///
/// Credentials: `OPENSEARCH_USER` and `OPENSEARCH_PASSWORD` (HTTP basic), or
/// `OPENSEARCH_API_KEY` (`Authorization: ApiKey …`); never on the command line, where `ps`
/// shows them.
///
/// ```swift
/// let client = try OpenSearchClient(address: "https://search.example.org:9200/news")
/// let answer = try client.json("GET", "/\(client.index)/_mapping")
/// ```
public final class OpenSearchClient: @unchecked Sendable {
    /// The cluster's address, without the index or a final `/` (`https://host:9200`).
    public let cluster: String
    public let index: String
    public var timeout: TimeInterval
    /// Attempts per request (the first and the retries).
    public var attempts: Int
    /// The first retry's wait; each next one doubles it, up to `maximumBackoff`.
    public var backoff: TimeInterval
    public var maximumBackoff: TimeInterval = 8
    /// Told of each retry (the command line prints it with --verbose).
    public var onRetry: ((String) -> Void)?
    private let authorization: String?
    private let session: URLSession
    /// What the caller should tell the user (credentials over plain http).
    public private(set) var warnings: [String] = []

    deinit { session.finishTasksAndInvalidate() }

    /// The index when the address names none.
    public static let defaultIndex = "sosik"

    /// `address`: http(s)://HOST[:PORT][/INDEX].
    public init(address: String, environment: [String: String] = ProcessInfo.processInfo.environment,
                timeout: TimeInterval = 30, attempts: Int = 5, backoff: TimeInterval = 0.5) throws {
        guard var components = URLComponents(string: address), let scheme = components.scheme?.lowercased(),
              scheme == "http" || scheme == "https", components.host?.isEmpty == false else {
            throw OpenSearchError.badAddress(address)
        }
        let parts = components.path.split(separator: "/").map(String.init)
        guard parts.count <= 1 else { throw OpenSearchError.badAddress(address) }
        index = parts.first ?? Self.defaultIndex
        components.path = ""
        components.query = nil
        var auth: String? = nil
        if let user = components.user {
            throw OpenSearchError.badAddress("\(address) (credentials go in OPENSEARCH_USER and OPENSEARCH_PASSWORD, not the address; user \(user))")
        }
        if let key = environment["OPENSEARCH_API_KEY"], !key.isEmpty {
            auth = "ApiKey " + key
        } else if let user = environment["OPENSEARCH_USER"], !user.isEmpty {
            auth = "Basic " + Data((user + ":" + (environment["OPENSEARCH_PASSWORD"] ?? "")).utf8).base64EncodedString()
        }
        // No path left: the address ends with the host or port.
        guard let url = components.url else { throw OpenSearchError.badAddress(address) }
        cluster = url.absoluteString
        authorization = auth
        self.timeout = timeout
        self.attempts = max(1, attempts)
        self.backoff = backoff
        if auth != nil && scheme == "http" && !["localhost", "127.0.0.1", "::1"].contains(components.host ?? "") {
            warnings.append("credentials are sent unencrypted to \(address): use https://")
        }
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = timeout
        configuration.timeoutIntervalForResource = timeout * 4
        session = URLSession(configuration: configuration)
    }

    /// The address of the index, for messages.
    public var indexURL: String { cluster + "/" + index }

    public struct Response {
        public var status: Int
        public var body: Data
        public var headers: [String: String]
    }

    /// Statuses worth another attempt: the cluster is busy or restarting.
    static let retried: Set<Int> = [429, 502, 503, 504]

    /// Sends a request, retrying as the type's documentation says; any status is returned
    /// (after the retries for those in `retried`).
    public func send(_ method: String, _ path: String, body: Data? = nil,
                     contentType: String = "application/json", gzip: Bool = false) throws -> Response {
        guard let url = URL(string: cluster + path) else { throw OpenSearchError.badAddress(cluster + path) }
        var request = URLRequest(url: url, timeoutInterval: timeout)
        request.httpMethod = method
        if let body {
            request.httpBody = body
            request.setValue(contentType, forHTTPHeaderField: "Content-Type")
            if gzip { request.setValue("gzip", forHTTPHeaderField: "Content-Encoding") }
        }
        request.setValue("application/json", forHTTPHeaderField: "Accept")
        if let authorization { request.setValue(authorization, forHTTPHeaderField: "Authorization") }
        var wait = backoff
        var lastProblem = ""
        for attempt in 1...attempts {
            let (response, problem) = perform(request)
            // The last attempt's answer, busy or not, goes to the caller: its reason says more
            // than "cannot reach" (circuit_breaking_exception, es_rejected_execution_exception).
            if let response, !Self.retried.contains(response.status) || attempt == attempts { return response }
            lastProblem = response.map { "answered \($0.status)" } ?? problem ?? "no answer"
            guard attempt < attempts else { break }
            // Retry-After (seconds) when the cluster says how long; else the doubling wait.
            var pause = wait
            if let after = response?.headers["retry-after"].flatMap(Double.init) { pause = min(max(after, 0), maximumBackoff) }
            onRetry?("\(method) \(path): \(lastProblem); again in \(String(format: "%.1f", pause)) s (attempt \(attempt + 1) of \(attempts))")
            Thread.sleep(forTimeInterval: pause)
            wait = min(wait * 2, maximumBackoff)
        }
        throw OpenSearchError.unreachable(url: url.absoluteString, reason: lastProblem, attempts: attempts)
    }

    private final class Box: @unchecked Sendable {
        var response: Response?
        var problem: String?
    }

    private func perform(_ request: URLRequest) -> (Response?, String?) {
        let box = Box()
        let done = DispatchSemaphore(value: 0)
        let task = session.dataTask(with: request) { data, response, error in
            if let http = response as? HTTPURLResponse {
                var headers: [String: String] = [:]
                for (k, v) in http.allHeaderFields { headers[String(describing: k).lowercased()] = String(describing: v) }
                box.response = Response(status: http.statusCode, body: data ?? Data(), headers: headers)
            } else {
                box.problem = error.map { ($0 as NSError).localizedDescription } ?? "no answer"
            }
            done.signal()
        }
        task.resume()
        done.wait()
        return (box.response, box.problem)
    }

    /// A JSON request whose answer must be a 2xx JSON object; an error answer becomes an
    /// OpenSearchError naming the index or the cluster's reason.
    public func json(_ method: String, _ path: String, _ object: Any? = nil) throws -> [String: Any] {
        let body = try object.map { try JSONSerialization.data(withJSONObject: $0) }
        return try decode(try send(method, path, body: body), path: path)
    }

    func decode(_ response: Response, path: String) throws -> [String: Any] {
        let url = cluster + path
        let object = (try? JSONSerialization.jsonObject(with: response.body)) as? [String: Any]
        guard (200..<300).contains(response.status) else {
            let error = object?["error"] as? [String: Any]
            let type = error?["type"] as? String ?? (object?["error"] as? String) ?? "error"
            if response.status == 404, type == "index_not_found_exception" || error == nil {
                throw OpenSearchError.noIndex(url: cluster, index: index)
            }
            let reason = error?["reason"] as? String ?? String(decoding: response.body.prefix(300), as: UTF8.self)
            throw OpenSearchError.refused(url: url, status: response.status, type: type, reason: reason)
        }
        guard let object else {
            throw OpenSearchError.badResponse(url: url, reason: "not a JSON object: " + String(decoding: response.body.prefix(200), as: UTF8.self))
        }
        return object
    }
}
