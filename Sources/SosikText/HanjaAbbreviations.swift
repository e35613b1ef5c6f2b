/// One-character Hanja abbreviations of Korean headlines (北 미사일, 美中 정상회담, 與野 합의).
///
/// Each maps to its Hangul reading (北 → 북) and, where headline usage is fixed, to the word it
/// abbreviates (北 → 북한): a document's 北 is stored as 북 and 북한, and a query 北 matches 북 or
/// 북한. Only runs of at most two such characters are mapped; longer Han runs are names or glosses
/// (李大浩, 新燃岳) and keep their own characters.
enum HanjaAbbreviations {
    static let table: [UInt32: (reading: UInt32, word: [UInt32])] = {
        let entries: [(Character, Character, String)] = [
            ("北", "북", "북한"), ("南", "남", ""), ("美", "미", "미국"), ("中", "중", "중국"),
            ("日", "일", "일본"), ("韓", "한", "한국"), ("英", "영", "영국"), ("獨", "독", "독일"),
            ("佛", "불", "프랑스"), ("露", "로", "러시아"), ("印", "인", "인도"), ("與", "여", "여당"),
            ("野", "야", "야당"), ("軍", "군", ""), ("檢", "검", "검찰"), ("靑", "청", "청와대"),
            ("朴", "박", ""), ("文", "문", ""), ("尹", "윤", ""), ("李", "이", ""), ("金", "김", ""),
        ]
        var t: [UInt32: (UInt32, [UInt32])] = [:]
        for (han, reading, word) in entries {
            t[han.unicodeScalars.first!.value] = (reading.unicodeScalars.first!.value, word.unicodeScalars.map(\.value))
        }
        return t
    }()

    /// True when a Han run reads as abbreviations: one or two characters, all in the table.
    static func applies(to units: [UInt32]) -> Bool {
        units.count <= 2 && units.allSatisfy { table[$0] != nil }
    }
}
