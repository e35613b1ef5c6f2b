import Foundation
import GRDB
import SosikText
import Synchronization

/// Texts about to be inserted on a connection, with their tokens (TokenList). The writer
/// offers them before an insert and withdraws them after; SosikTokenizer takes the tokens of
/// a text only if the bytes are the same, so a miss just means analyzing as usual.
final class TokenReplay: Sendable {
    static let shared = TokenReplay()

    /// Texts offered per connection (keyed by its address: pointers are not Sendable).
    private let offers = Mutex<[UInt: [(text: String, tokens: TokenList)]]>([:])

    static func key(_ connection: OpaquePointer?) -> UInt { UInt(bitPattern: connection.map { Int(bitPattern: $0) } ?? 0) }

    func offer(_ texts: [(text: String, tokens: TokenList)], on connection: OpaquePointer?) {
        offers.withLock { $0[Self.key(connection)] = texts }
    }

    func withdraw(on connection: OpaquePointer?) {
        _ = offers.withLock { $0.removeValue(forKey: Self.key(connection)) }
    }

    /// The tokens offered on `connection` for exactly these bytes, if any.
    func tokens(for bytes: UnsafeBufferPointer<UInt8>, on connection: OpaquePointer?) -> TokenList? {
        offers.withLock { offers -> TokenList? in
            guard let texts = offers[Self.key(connection)] else { return nil }
            for candidate in texts where candidate.text.utf8.count == bytes.count {
                let same = candidate.text.utf8.withContiguousStorageIfAvailable { stored in
                    bytes.count == 0 || memcmp(stored.baseAddress!, bytes.baseAddress!, bytes.count) == 0
                } ?? candidate.text.utf8.elementsEqual(bytes)
                if same { return candidate.tokens }
            }
            return nil
        }
    }
}
