/// What Korean news prints after the article's last paragraph: the reporter's sign-off and
/// e-mail (`연합뉴스TV 신새롬입니다. (romi@yna.co.kr)`, `YTN 나혜인 (…@ytn.co.kr)`), production
/// credits (`영상편집:김선영`), the tip line (`■ 제보하기`, `▷ 카카오톡 : 'KBS제보' 검색`,
/// `[전화] 02-398-8585`), hashtags, the copyright line (`[저작권자(c) YTN 무단전재 및 재배포
/// 금지]`) and the agency's end mark (`(끝)`). They are credits, not the article: cut from the
/// end of the body, line by line, up to the first line that is none of them, and kept as
/// credit passages (searchable at an aside's weight).
enum Trailer {
    /// Cuts the trailing credit lines off `paragraphs` (a paragraph may lose its last lines
    /// only); returns them in order.
    static func cut(_ paragraphs: inout [String]) -> [String] {
        var cut: [String] = []
        while let last = paragraphs.last {
            var lines = last.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            var removed: [String] = []
            while let line = lines.last, isCredit(line) {
                removed.insert(line, at: 0)
                lines.removeLast()
            }
            cut.insert(contentsOf: removed.filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }, at: 0)
            if lines.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) {
                paragraphs.removeLast()
                continue
            }
            paragraphs[paragraphs.count - 1] = lines.joined(separator: "\n")
            break
        }
        // Never the whole article: a page of credits alone keeps them as its text.
        if paragraphs.isEmpty { paragraphs = cut; return [] }
        return cut
    }

    static let endMarks: Set<String> = ["(끝)", "<끝>", "/끝/", "끝.", "(END)", "(End)"]
    static let tipStarts = ["▷", "■ 제보", "■제보", "[전화]", "[메일]", "[이메일]", "[카카오톡]", "[홈페이지]", "※ '당신의 제보", "※ 당신의 제보"]
    static let creditStarts = ["영상편집", "영상취재", "촬영기자", "영상디자인", "그래픽", "화면제공", "취재지원"]
    static let copyright = ["무단전재", "무단 전재", "재배포 금지", "재배포금지", "저작권자", "Copyright"]
    static let signOffWords = ["뉴스", "기자", "TV", "YTN", "KBS", "MBC", "SBS", "MBN", "JTBC", "채널A"]

    /// Whether one line is a credit of the trailer (a blank line is, between them).
    static func isCredit(_ raw: String) -> Bool {
        let line = raw.trimmingCharacters(in: .whitespaces)
        if line.isEmpty { return true }
        let length = line.count
        if endMarks.contains(line) { return true }
        if line.hasPrefix("#") && line.split(separator: " ").allSatisfy({ $0.hasPrefix("#") }) { return true }
        if length <= 100, copyright.contains(where: { line.contains($0) }) { return true }
        if tipStarts.contains(where: { line.hasPrefix($0) }) { return true }
        if length <= 40, line.contains("제보") { return true }
        if length <= 40, creditStarts.contains(where: { line.hasPrefix($0) }), line.contains(":") || line.contains("：") || line.contains(" ") {
            return true
        }
        // A reporter's address: `YTN 나혜인 (dglee@ytn.co.kr)`, `홍길동 기자 hong@example.com`.
        // The line without its address must be short: a name, an outlet, a sign-off.
        if length <= 80, line.contains("@") {
            let words = line.split(separator: " ").filter { !($0.contains("@") && $0.contains(".")) }
            if words.count < line.split(separator: " ").count, words.joined(separator: " ").count <= 30 { return true }
        }
        // The sign-off: `KBS 뉴스 이윤우입니다.`, `지금까지 사회1부에서 전해드렸습니다.`
        if length <= 30, line.hasSuffix("입니다."), signOffWords.contains(where: { line.contains($0) }) { return true }
        if length <= 40, line.hasSuffix("전해드렸습니다.") { return true }
        if line.hasPrefix("※"), length <= 160 { return true }
        return false
    }
}
