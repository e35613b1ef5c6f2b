import ArgumentParser
import SosikIndex

/// The filters `search` and `trend` share: language, source, dates, file path.
struct FilterOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Only documents in this language (other: neither Korean nor English).", valueName: "ko|en|other"),
            completion: .list(["ko", "en", "other"]))
    var lang: String?

    @Option(name: .long, help: ArgumentHelp("Only documents from this source: its whole name or first words, any case (repeatable).", valueName: "name"))
    var source: [String] = []

    @Option(name: .long, help: ArgumentHelp("Only documents dated on or after this day.", valueName: "date"))
    var since: String?

    @Option(name: .long, help: ArgumentHelp("Only documents dated on or before this day.", valueName: "date"))
    var until: String?

    @Option(name: .long, help: ArgumentHelp("Only documents whose file path matches ('ko/*': from any folder down).", valueName: "glob"))
    var path: String?

    func validate() throws {
        for (name, value) in [("--since", since), ("--until", until)] {
            if let value, DateNormalizer.strict(value) == nil {
                throw ValidationError("\(name) \(value) is not a date (use 2025-05-01, 2025.5.1, 2025년 5월 1일, 2025-05 or 2025)")
            }
        }
        if let lang, LanguageDetector.filter(lang) == nil {
            throw ValidationError("--lang must be ko, en or other (got \(lang))")
        }
    }

    /// The language as sosik stores it (`ko`, `en`, `other`), when given.
    var language: String? { lang.flatMap(LanguageDetector.filter) }

    func apply(to o: inout SearchOptions) {
        o.lang = language
        o.sources = source
        o.since = since.flatMap(DateNormalizer.strict)
        o.until = until.flatMap(DateNormalizer.strict)
        o.pathGlob = path
    }
}
