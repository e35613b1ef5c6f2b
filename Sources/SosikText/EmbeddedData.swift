import CSosikData

/// The lexicon and the glossary as compiled into the binary (CSosikData: C23 `#embed` of
/// Resources/lexicon.tsv and Resources/glossary.txt, their only copy in the repository).
enum EmbeddedData {
    static var lexicon: String { text(sosik_data_lexicon) }
    static var glossary: String { text(sosik_data_glossary) }

    private static func text(_ data: (UnsafeMutablePointer<Int>?) -> UnsafePointer<CChar>?) -> String {
        var length = 0
        guard let bytes = data(&length) else { return "" }
        return bytes.withMemoryRebound(to: UInt8.self, capacity: length) {
            String(decoding: UnsafeBufferPointer(start: $0, count: length), as: UTF8.self)
        }
    }
}
