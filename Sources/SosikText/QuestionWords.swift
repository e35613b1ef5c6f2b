/// Question words (interrogatives): 왜, 무엇인가, 누가, 어디서, 얼마나; why, what, who.
///
/// A question asks about something; the question word says only that it is a question. In an
/// index of news it is a rare word (few articles ask 무엇인가 in their own text) and so, to
/// BM25, a strong one: `힙합이란 무엇인가?` outranked the article about the 후보들 and 벨기에
/// that `후보들의 벨기는 무엇인가?` asked for (issue 23). So beside other words a question word
/// is not searched (QueryBuilder); alone, or quoted in a phrase, it is.
///
/// Korean: a stem of `stems` alone or with a particle, copula or question ending (무엇을,
/// 무엇인가, 누구의, 어디서, 언제부터, 얼마나), or one of `whole` as written. The indefinite
/// readings (누구나 everyone, 언제나 always, 무엇보다 above all) carry no subject either.
/// English: the wh-words.
public enum QuestionWords {
    /// Korean stems that take particles and endings.
    static let stems: Set<String> = ["무엇", "누구", "어디", "언제", "얼마", "뭐"]
    /// Korean question words only as written (no particle makes them another word).
    static let whole: Set<String> = ["왜", "몇", "누가", "뭘", "무얼", "뭔가", "뭔지", "무슨", "어느", "어떤", "어떻게",
                                     "어째서", "어찌", "어떠한", "어땠나", "어떨까"]
    /// Endings of a question after a stem, besides the particles of KoreanSuffixes.
    static let endings: Set<String> = ["인가", "인가요", "인지", "일까", "이냐", "냐", "서", "든지", "인데", "예요",
                                       "이에요", "였나", "였을까", "이었나"]
    static let english: Set<String> = ["what", "why", "how", "when", "where", "who", "whom", "whose", "which"]

    /// Whether the query terms of one typed word (`무엇인가?` gives one) are all question words:
    /// the word is left out beside a word that is not (QueryBuilder, `sosik analyze --query`).
    public static func areQuestion(_ terms: [QueryTerm]) -> Bool {
        !terms.isEmpty && terms.allSatisfy { contains($0.surface) }
    }

    /// Whether one word (a query word as the analyzer cut it: no spaces, no punctuation) is a
    /// question word.
    public static func contains(_ word: String) -> Bool {
        // An acronym is no question word: WHO is the World Health Organization.
        if word.count >= 2, word.allSatisfy({ $0.isASCII && $0.isUppercase }) { return false }
        if english.contains(word.lowercased()) || whole.contains(word) || stems.contains(word) { return true }
        for stem in stems where word.hasPrefix(stem) {
            let rest = String(word.dropFirst(stem.count))
            if endings.contains(rest) || KoreanSuffixes.set.contains(rest) { return true }
        }
        return false
    }
}
