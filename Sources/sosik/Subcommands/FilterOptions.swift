import ArgumentParser
import SosikIndex

/// The filters `search` and `trend` share: language, source, dates, file path.
struct FilterOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Only documents in this language.", valueName: "ko|en"),
            completion: .list(["ko", "en"]))
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
        if let lang, LanguageDetector.normalize(lang) == nil {
            throw ValidationError("--lang must be ko or en (got \(lang))")
        }
    }

    /// The language as sosik stores it (`ko`, `en`), when given.
    var language: String? { lang.flatMap(LanguageDetector.normalize) }

    func apply(to o: inout SearchOptions) {
        o.lang = language
        o.sources = source
        o.since = since.flatMap(DateNormalizer.strict)
        o.until = until.flatMap(DateNormalizer.strict)
        o.pathGlob = path
    }
}
