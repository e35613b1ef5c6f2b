import Foundation
import SosikIndex

/// The fields of a search hit, as `--fields` names them and JSON Lines and TSV print them (issue
/// 25): a new field is a case here and its value below, in one place; the compiler holds the
/// switch to every case. The order of the cases is the JSON Lines order (docs/output.md, checked
/// by a test against real output).
enum HitField: String, CaseIterable {
    case qid, version, rank, id
    case docID = "doc_id"
    case ordinal, score
    case passageScore = "passage_score"
    case title, lang, date, source, url, path, snippet, highlights, fragments, text, kind
    case pairID = "pair_id"
    case duplicates, explain

    /// JSON Lines schema version: bumped only when a field changes meaning or disappears;
    /// new fields may be added without a bump.
    /// Version 2 (issue 12): a hit is an article; `score` is the article's, `passage_score` and
    /// `fragments` are new, and `explain` holds per-item evidence.
    static let jsonVersion = 2

    /// JSON's fields when --fields is not given (qid with --queries, explain with --explain).
    static let jsonDefault = allCases.filter { $0 != .qid && $0 != .explain }
    static let tsvDefault: [HitField] = [.rank, .score, .id, .docID, .lang, .date, .source, .title, .snippet]

    /// One field of a hit as JSON and as TSV text.
    func value(_ hit: SearchHit, rank: Int, qid: String) -> (json: String, tsv: String) {
        func str(_ s: String?) -> (String, String) { (JSONText.value(s), s ?? "") }
        switch self {
        case .qid: return str(qid)
        case .version: return (String(Self.jsonVersion), String(Self.jsonVersion))
        case .rank: return (String(rank), String(rank))
        case .id: return str(hit.id)
        case .docID: return str(hit.docID)
        case .ordinal: return (String(hit.ordinal), String(hit.ordinal))
        case .score: return (JSONText.number(hit.score), String(format: "%.4f", hit.score))
        case .passageScore: return (JSONText.number(hit.passageScore), String(format: "%.4f", hit.passageScore))
        case .fragments:
            let list = hit.fragments.map { f in
                JSONText.object([("id", JSONText.string(f.id)), ("snippet", JSONText.string(f.snippet.text)),
                                 ("highlights", Self.highlights(f.snippet).json)])
            }
            return ("[" + list.joined(separator: ",") + "]", hit.fragments.map(\.snippet.text).joined(separator: " "))
        case .title: return str(hit.title.text)
        case .lang: return str(hit.lang)
        case .date: return str(hit.date)
        case .source: return str(hit.source)
        case .url: return str(hit.url)
        case .path: return str(hit.path)
        case .snippet: return str(hit.snippet.text)
        case .highlights: return Self.highlights(hit.snippet)
        case .text: return str(hit.text)
        case .kind: return str(hit.kind.rawValue)
        case .pairID: return str(hit.pairID)
        case .duplicates:
            return ("[" + hit.duplicates.map(JSONText.string).joined(separator: ",") + "]", hit.duplicates.joined(separator: " "))
        case .explain:
            guard let e = hit.explanation else { return ("null", "") }
            let terms = e.terms.map {
                JSONText.object([("term", JSONText.string($0.term)), ("score", JSONText.number($0.score)),
                                 ("indexed", JSONText.string($0.indexed))])
            }
            return (JSONText.object([("article", JSONText.number(e.article)), ("terms", "[" + terms.joined(separator: ",") + "]"),
                                     ("coverage", JSONText.number(e.coverage)), ("passage", JSONText.number(e.passage))]),
                    (["article=" + String(format: "%.3f", e.article)]
                        + e.terms.map { "\(SearchHit.Explanation.display(term: $0.term, indexed: $0.indexed))=\(String(format: "%.3f", $0.score))" }
                        + ["coverage=" + String(format: "%.3f", e.coverage), "passage=" + String(format: "%.3f", e.passage)])
                        .joined(separator: " "))
        }
    }

    static func highlights(_ h: HighlightedText) -> (json: String, tsv: String) {
        let pairs = h.ranges.map { "[\($0.lowerBound),\($0.upperBound)]" }
        return ("[" + pairs.joined(separator: ",") + "]", pairs.joined(separator: " "))
    }
}
