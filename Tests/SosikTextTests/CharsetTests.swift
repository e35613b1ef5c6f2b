import Testing
@testable import SosikText

@Suite struct CharsetTests {
    /// Spaces and quotes around a label are trimmed together, in any order (`' euc-kr'`).
    @Test(arguments: ["euc-kr", " EUC-KR ", "\"euc-kr\"", "' euc-kr'", "\" euc-kr \" "])
    func labelsAroundWhichSpacesAndQuotesSitAreRead(label: String) {
        #expect(Charset.canonical(label) == "windows-949")
    }
}
