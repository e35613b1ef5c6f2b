import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// An HTTP/1.1 server on 127.0.0.1 inside the test process, for contract tests of the
/// OpenSearch client: it records every request and answers with `handler`. Not a cluster.
final class LocalHTTPServer: @unchecked Sendable {
    struct Request {
        var method: String
        var path: String
        var headers: [String: String]
        var body: Data
        var json: [String: Any]? { (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] }
    }
    struct Response {
        var status: Int
        var body: Data
        var headers: [String: String] = [:]
        static func json(_ status: Int, _ object: Any) -> Response {
            Response(status: status, body: (try? JSONSerialization.data(withJSONObject: object)) ?? Data())
        }
    }

    private let lock = NSLock()
    private var recorded: [Request] = []
    private let socketFD: Int32
    let port: Int
    private let handler: @Sendable (Request) -> Response

    var requests: [Request] { lock.lock(); defer { lock.unlock() }; return recorded }
    var address: String { "http://127.0.0.1:\(port)" }

    init(_ handler: @escaping @Sendable (Request) -> Response) throws {
        self.handler = handler
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        socketFD = fd
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        addr.sin_port = 0
        let bound = withUnsafePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
        guard bound == 0, listen(fd, 16) == 0 else { throw NSError(domain: "LocalHTTPServer", code: Int(errno)) }
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &len) } }
        port = Int(UInt16(bigEndian: addr.sin_port))
    }

    /// Starts serving (on a thread of its own).
    func start() -> Self {
        Thread { [self] in self.serve() }.start()
        return self
    }

    func stop() {
        shutdown(socketFD, Int32(SHUT_RDWR))
        close(socketFD)
    }

    private func serve() {
        while true {
            let client = accept(socketFD, nil, nil)
            if client < 0 { return }
            handle(client)
            close(client)
        }
    }

    private func readAll(_ fd: Int32, into data: inout Data) -> Bool {
        var buffer = [UInt8](repeating: 0, count: 65536)
        let n = recv(fd, &buffer, buffer.count, 0)
        if n <= 0 { return false }
        data.append(contentsOf: buffer[0..<n])
        return true
    }

    private func handle(_ fd: Int32) {
        var data = Data()
        let separator = Data("\r\n\r\n".utf8)
        while data.range(of: separator) == nil { if !readAll(fd, into: &data) { return } }
        let headEnd = data.range(of: separator)!
        let head = String(decoding: data[..<headEnd.lowerBound], as: UTF8.self).components(separatedBy: "\r\n")
        let first = head[0].split(separator: " ")
        var headers: [String: String] = [:]
        for line in head.dropFirst() {
            if let colon = line.firstIndex(of: ":") {
                headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            }
        }
        let length = Int(headers["content-length"] ?? "0") ?? 0
        var body = data[headEnd.upperBound...]
        while body.count < length {
            var more = Data()
            if !readAll(fd, into: &more) { break }
            body.append(more)
        }
        let request = Request(method: String(first[0]), path: String(first[1]), headers: headers, body: Data(body))
        lock.lock(); recorded.append(request); lock.unlock()
        let response = handler(request)
        var text = "HTTP/1.1 \(response.status) X\r\nContent-Type: application/json\r\nContent-Length: \(response.body.count)\r\nConnection: close\r\n"
        for (k, v) in response.headers { text += "\(k): \(v)\r\n" }
        var out = Data((text + "\r\n").utf8)
        out.append(response.body)
        out.withUnsafeBytes { raw in
            var sent = 0
            while sent < raw.count {
                let n = send(fd, raw.baseAddress! + sent, raw.count - sent, Int32(MSG_NOSIGNAL))
                if n <= 0 { break }
                sent += n
            }
        }
    }
}
