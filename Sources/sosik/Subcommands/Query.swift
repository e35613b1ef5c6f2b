import ArgumentParser

extension Sosik {
    /// `sosik help query` (and `sosik query`): the query language, for people at a terminal.
    struct Query: ParsableCommand {
        // At most 76 columns a line (a Korean syllable takes two): ArgumentParser re-wraps
        // longer lines at the terminal's width, leaving single words on lines of their own.
        static let configuration = CommandConfiguration(
            abstract: "The query language of sosik search.",
            discussion: """
                A query finds articles. Each word may sit anywhere in the article
                (title, any paragraph, captions); a phrase must sit inside one
                paragraph (passage). Each hit shows the article's best passage; the
                words it lacks are shown on further lines, from its other passages.

                  word word         every word somewhere in the article (AND);
                                    words are analyzed like the documents:
                                    순찰을 finds 순찰, patrols finds Patrol
                  "exact phrase"    the words in this order, inside one passage;
                                    Korean words may carry particles between
                                    them ("야간의 순찰을" finds 야간 순찰)
                  -word -"phrase"   leave out the articles that have it anywhere
                                    (NOT word also works)
                  a OR b            either; binds tighter than AND:
                                    a OR b c = (a OR b) AND c
                  patr*             prefix (English); 핵* a one-syllable Korean
                                    noun inside longer words too
                  title:word        in the title; also title:"phrase" and
                                    title:(a OR b)
                  ( ... )           grouping
                  --any             articles with any of the words, those with
                                    more of them first (questions, prose)

                Question words (왜, 무엇인가, 누가, 어디서, what, why, who) beside
                other words are not searched: 북한은 왜 핵실험을 했나 looks for
                북한, 핵실험 and 했나. Alone or quoted ("왜") they are searched;
                --explain names the words left out.

                Korean words: a word matches inside longer words (순찰 finds
                순찰대, 국경 finds 국경경비대). A word whose last syllable reads
                as a particle (김정은, 제주도, 순찰을) is searched by its stem
                (순찰을 finds 순찰이) unless the index shows the word as typed
                taking particles of its own (김정은이, 제주도에): then only the
                word as typed matches, so 김정은 never finds 김정일 or 김정태.
                북·미, 북ㆍ미, 북-미 and 북미 are one word. A one-syllable noun
                alone (핵) also finds longer words that hold it (북핵, 비핵화),
                after the articles that have it as a word of its own: alone,
                before a particle or the copula (핵을, 법입니다), but not in
                불과, 불만, 물가, 세로, 주로, 대로 (words of their own) or before
                a contracted copula (물라). With --translate a word's glossary
                renderings count as one word; --explain shows every rendering.

                The shell takes the outer quotes: write phrases as '"야간 순찰"'.
                A word starting with - is an exclusion, not an option, unless it
                spells one of search's options (-limit, -lang, -n): that is an
                error, so write --limit, or NOT limit to leave out the word.
                An unclosed quote or parenthesis is closed at the end; a stray ),
                a dangling OR or a query that only excludes is an error naming
                the column (exit status 2).

                Filters: --lang ko|en|other, --source NAME (repeatable), --since DATE,
                --until DATE (2025-05-01, 2025.5.1, 2025년 5월 1일, 2025-05, 2025),
                --path GLOB. Results: --limit N, --per-doc N (passages per
                article, default 1), --sort relevance, date or newest. Output:
                --format text, json, tsv or ids; --fields, --count, --explain.

                Examples:
                  sosik search dinnertime photo
                  sosik search 순찰 -회령
                  sosik search '"police patrols"' OR 순찰 --since 2025
                  sosik search 'title:(인민반 OR inminban)' --sort newest
                """
        )

        /// Words typed after `sosik query`: this command only describes the language.
        @Argument(parsing: .allUnrecognized, help: .hidden)
        var words: [String] = []

        func validate() throws {
            if !words.isEmpty {
                throw ValidationError("sosik query only describes the query language; to search, write: sosik search "
                    + words.joined(separator: " "))
            }
        }

        func run() throws {
            print(Query.helpMessage())
        }
    }
}
