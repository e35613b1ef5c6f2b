import Foundation
import Testing

/// A query in Korean and English words (`순찰 patrols`) finds the story in either language:
/// an article holds every Korean word or every English word.
@Suite struct MixedLanguageQueryTests {
    @Test func koreanAndEnglishWordsFindTheStoryInBothLanguages() throws {
        let index = try CorpusIndex()
        let r = try SosikBinary.run(["search", "--db", index.db, "--format", "ids", "--limit", "50", "순찰", "patrols"])
        #expect(r.status == 0, "\(r.stderr)")
        let ids = r.lines.map { String($0.split(separator: "#")[0]) }
        #expect(ids.contains("ko-patrol-hoeryong") && ids.contains("en-patrol-hoeryong"))
        // Every hit holds all the words of one language.
        let korean = Set(try SosikBinary.run(["search", "--db", index.db, "--format", "ids", "--limit", "50", "순찰"]).lines)
        let english = Set(try SosikBinary.run(["search", "--db", index.db, "--format", "ids", "--limit", "50", "patrols"]).lines)
        #expect(Set(r.lines) == korean.union(english))
        // Exclusions still apply to the whole article.
        let excluded = try SosikBinary.run(["search", "--db", index.db, "--format", "ids", "--limit", "50", "순찰", "patrols", "-회령", "-Hoeryong"])
        #expect(!excluded.lines.contains { $0.hasPrefix("ko-patrol-hoeryong") || $0.hasPrefix("en-patrol-hoeryong") })
        // One script: every word is still required.
        let both = try SosikBinary.run(["search", "--db", index.db, "--count", "순찰", "회령"])
        let one = try SosikBinary.run(["search", "--db", index.db, "--count", "순찰"])
        #expect(Int(both.lines.first ?? "") ?? 0 < Int(one.lines.first ?? "") ?? 0)
    }
}
