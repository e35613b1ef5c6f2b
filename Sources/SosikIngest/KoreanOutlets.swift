import Foundation
import SosikText

/// Korean news outlets by web address, with the name their readers use. A page names its outlet
/// in its own way, and sometimes in no useful way: by its domain (`hankyung.com`), in Latin
/// letters only (`TV CHOSUN`, its logo's alt text), or not at all. Such a page gets the name
/// of this table (PageMetadata), so that one outlet's articles share one source (facets,
/// `--source`). A page that names itself in Korean keeps its own name.
enum KoreanOutlets {
    /// Registered domain → name. Korean-language sites only (an English edition such as
    /// en.yna.co.kr names itself in English).
    static let byDomain: [String: String] = [
        // news agencies and broadcasters
        "yna.co.kr": "연합뉴스", "yonhapnewstv.co.kr": "연합뉴스TV", "newsis.com": "뉴시스", "news1.kr": "뉴스1",
        "kbs.co.kr": "KBS", "imbc.com": "MBC", "sbs.co.kr": "SBS", "ytn.co.kr": "YTN", "jtbc.co.kr": "JTBC",
        "tvchosun.com": "TV조선", "mbn.co.kr": "MBN", "ichannela.com": "채널A", "ebs.co.kr": "EBS", "obsnews.co.kr": "OBS",
        "cbs.co.kr": "CBS", "nocutnews.co.kr": "노컷뉴스", "spotvnews.co.kr": "스포티비뉴스",
        // national dailies
        "chosun.com": "조선일보", "joongang.co.kr": "중앙일보", "joins.com": "중앙일보", "donga.com": "동아일보",
        "hani.co.kr": "한겨레", "khan.co.kr": "경향신문", "hankookilbo.com": "한국일보", "seoul.co.kr": "서울신문",
        "kmib.co.kr": "국민일보", "segye.com": "세계일보", "munhwa.com": "문화일보", "naeil.com": "내일신문",
        // economic dailies
        "mk.co.kr": "매일경제", "hankyung.com": "한국경제", "mt.co.kr": "머니투데이", "sedaily.com": "서울경제",
        "edaily.co.kr": "이데일리", "asiae.co.kr": "아시아경제", "heraldcorp.com": "헤럴드경제", "fnnews.com": "파이낸셜뉴스",
        "etnews.com": "전자신문", "zdnet.co.kr": "지디넷코리아", "bloter.net": "블로터", "ajunews.com": "아주경제",
        "newspim.com": "뉴스핌", "inews24.com": "아이뉴스24", "dt.co.kr": "디지털타임스",
        // online and magazines
        "ohmynews.com": "오마이뉴스", "pressian.com": "프레시안", "mediatoday.co.kr": "미디어오늘", "dailian.co.kr": "데일리안",
        "newdaily.co.kr": "뉴데일리", "sisain.co.kr": "시사IN", "sisajournal.com": "시사저널", "hankyoreh21.com": "한겨레21",
        "entermedia.co.kr": "엔터미디어", "newstown.co.kr": "뉴스타운", "mediaus.co.kr": "미디어스",
        // regional dailies
        "busan.com": "부산일보", "kookje.co.kr": "국제신문", "imaeil.com": "매일신문", "yeongnam.com": "영남일보",
        "idomin.com": "경남도민일보", "knnews.co.kr": "경남신문", "daejonilbo.com": "대전일보", "joongdo.co.kr": "중도일보",
        "kwnews.co.kr": "강원일보", "kado.net": "강원도민일보", "jnilbo.com": "전남일보", "kjdaily.com": "광주매일신문",
        "jjan.kr": "전북일보", "jejunews.com": "제주일보", "ihalla.com": "한라일보", "kyeonggi.com": "경기일보",
        "kyeongin.com": "경인일보", "incheonilbo.com": "인천일보", "ulsanpress.net": "울산신문", "ksilbo.co.kr": "경상일보",
        // North Korea
        "dailynk.com": "데일리NK", "rfa.org": "자유아시아방송", "voakorea.com": "VOA", "nocutnews.com": "노컷뉴스",
        "tongilnews.com": "통일뉴스", "unikorea.go.kr": "통일부",
    ]

    /// The name of the outlet at `url`'s host (`https://www.hankyung.com/…` → 한국경제), or nil.
    static func name(atURL url: String?) -> String? {
        guard let url, let host = URL(string: url)?.host?.lowercased() else { return nil }
        if host.hasPrefix("en.") || host.hasPrefix("english.") || host.hasPrefix("world.") { return nil }
        var h = Substring(host)
        while true {
            if let name = byDomain[String(h)] { return name }
            guard let dot = h.firstIndex(of: ".") else { return nil }
            h = h[h.index(after: dot)...]
        }
    }

    /// Whether a Korean page's own name for its outlet is no name a reader uses: none, a domain
    /// (`hankyung.com`), or Latin letters that are no acronym (`TV CHOSUN`; `KBS`, `MBN` and
    /// `YTN` are the names readers use).
    static func needsName(_ source: String?) -> Bool {
        guard let source, !source.isEmpty else { return true }
        if !source.contains(" "), source.contains("."), source.unicodeScalars.allSatisfy({ $0.isASCII }) { return true }
        guard !source.containsHangulSyllable else { return false }
        let acronym = source.count <= 6 && source.allSatisfy { $0.isASCII && ($0.isUppercase || $0.isNumber) }
        return !acronym
    }
}
