import Foundation
import Testing
@testable import SosikIngest

/// RSS and Atom: one article per item or entry.
@Suite struct FeedReaderTests {
    static let rss = """
        <?xml version="1.0" encoding="UTF-8"?>
        <rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
        <channel>
        <title>소식일보 - 전체기사</title>
        <link>https://www.sosik.example/</link>
        <language>ko</language>
        <item>
        <title>회령 국경 경찰, 야간 순찰 두 배로</title>
        <link>https://www.sosik.example/ko/news/patrol-hoeryong</link>
        <guid isPermaLink="false">sosik-2025-0501-001</guid>
        <pubDate>Thu, 01 May 2025 09:30:00 +0900</pubDate>
        <dc:creator>김민지 기자</dc:creator>
        <category>북한</category>
        <category>국경</category>
        <description>요약문은 본문이 아니다.</description>
        <content:encoded><![CDATA[<p>함경북도 회령시 경찰이 두만강을 따라 <b>야간 순찰</b>을 두 배로 늘렸다.</p><p>주민들은 <a href="/fines">벌금</a>도 크게 올랐다고 말했다.</p>]]></content:encoded>
        </item>
        <item>
        <title>혜산 장마당 쌀값 다시 올라</title>
        <link>https://www.sosik.example/ko/news/rice-hyesan</link>
        <pubDate>Fri, 02 May 2025 18:00:00 GMT</pubDate>
        <description>&lt;p&gt;혜산 &lt;a href="/market"&gt;장마당&lt;/a&gt;의 쌀값이 3주째 올랐다.&lt;/p&gt;</description>
        </item>
        </channel>
        </rss>
        """

    @Test func rssItemsBecomeArticlesWithEveryField() throws {
        let articles = try Read.articles("feeds/sosik.xml", Self.rss)
        try #require(articles.count == 2)
        let a = articles[0]
        #expect(a.id == "sosik-2025-0501-001")   // the guid
        #expect(a.title == "회령 국경 경찰, 야간 순찰 두 배로")
        #expect(a.date == "2025-05-01")
        #expect(a.url == "https://www.sosik.example/ko/news/patrol-hoeryong")
        #expect(a.paragraphs == ["함경북도 회령시 경찰이 두만강을 따라 야간 순찰을 두 배로 늘렸다.", "주민들은 벌금도 크게 올랐다고 말했다."])
        #expect(!a.body.contains("<") && !a.body.contains("요약문"))   // content:encoded, not description; no tags
        #expect(a.author == "김민지 기자")
        #expect(a.categories == ["북한", "국경"])
        #expect(a.lang == "ko")
        #expect(a.source == "소식일보 - 전체기사")
        #expect(a.path == "feeds/sosik.xml")
        // Author and categories are passages of their own kinds, after the body.
        let passages = a.passages()
        #expect(passages.suffix(2).map(\.kind) == [.credit, .footer])
        #expect(passages.contains { $0.kind == .footer && $0.text.contains("북한") })

        let b = articles[1]
        #expect(b.id == "https://www.sosik.example/ko/news/rice-hyesan")   // no guid: the link
        #expect(b.date == "2025-05-02")
        #expect(b.body == "혜산 장마당의 쌀값이 3주째 올랐다.")   // escaped HTML in description, tags gone
        #expect(b.author == nil && b.categories.isEmpty)
    }

    static let atom = """
        <?xml version="1.0" encoding="utf-8"?>
        <feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">
        <title>Sosik Wire</title>
        <id>urn:sosik:wire</id>
        <updated>2025-05-03T12:00:00Z</updated>
        <entry>
        <title>Customs officers seize smuggled phones at Sinuiju</title>
        <link rel="edit" href="https://wire.sosik.example/api/entries/77"/>
        <link rel="alternate" type="text/html" href="https://wire.sosik.example/2025/05/03/sinuiju-phones"/>
        <id>tag:wire.sosik.example,2025:77</id>
        <updated>2025-05-03T11:45:00+09:00</updated>
        <author><name>Lee Jun</name><email>lee@sosik.example</email></author>
        <category term="customs" label="Customs"/>
        <category term="trade"/>
        <summary>Summary only.</summary>
        <content type="html">&lt;p&gt;Customs officers in &lt;em&gt;Sinuiju&lt;/em&gt; seized hundreds of phones.&lt;/p&gt;&lt;p&gt;The driver is being questioned.&lt;/p&gt;</content>
        </entry>
        <entry>
        <title>Night patrols doubled in Hoeryong</title>
        <link href="https://wire.sosik.example/2025/05/01/hoeryong-patrols"/>
        <published>2025-05-01T09:00:00Z</published>
        <updated>2025-05-04T09:00:00Z</updated>
        <summary>Police in Hoeryong doubled night patrols along the Tumen River.</summary>
        </entry>
        </feed>
        """

    @Test func atomEntriesBecomeArticlesWithEveryField() throws {
        let articles = try Read.articles("wire.atom", Self.atom)
        try #require(articles.count == 2)
        let a = articles[0]
        #expect(a.id == "tag:wire.sosik.example,2025:77")
        #expect(a.title == "Customs officers seize smuggled phones at Sinuiju")
        #expect(a.url == "https://wire.sosik.example/2025/05/03/sinuiju-phones")   // rel=alternate, not rel=edit
        #expect(a.date == "2025-05-03")
        #expect(a.paragraphs == ["Customs officers in Sinuiju seized hundreds of phones.", "The driver is being questioned."])
        #expect(a.author == "Lee Jun")
        #expect(a.categories == ["Customs", "trade"])
        #expect(a.lang == "en" && a.source == "Sosik Wire")

        let b = articles[1]
        #expect(b.id == "https://wire.sosik.example/2025/05/01/hoeryong-patrols")   // no <id>: the link
        #expect(b.url == "https://wire.sosik.example/2025/05/01/hoeryong-patrols")
        #expect(b.date == "2025-05-01")   // published before updated
        #expect(b.body == "Police in Hoeryong doubled night patrols along the Tumen River.")
    }

    @Test func anEUCKRFeedDecodesToHangul() throws {
        let bytes = Array("<?xml version=\"1.0\" encoding=\"EUC-KR\"?>\n<rss version=\"2.0\"><channel><title>".utf8)
            + HTMLReaderTests.eucKRTitle
            + Array("</title><item><title>".utf8) + HTMLReaderTests.eucKRTitle
            + Array("</title><guid>e1</guid><description>".utf8) + HTMLReaderTests.eucKRSentence
            + Array("</description></item></channel></rss>".utf8)
        let events = try Read.events("euc.rss", bytes)
        let a = try #require(events.compactMap(\.article).first)
        #expect(events.count == 1)
        #expect(a.title == "국경 세관" && a.source == "국경 세관")
        #expect(a.body == "경찰이 회령에서 순찰을 강화했다")
        #expect(a.lang == "ko")
    }

    @Test func aFeedThatIsNotXMLIsSkippedWithTheLine() throws {
        let events = try Read.events("news.xml", "this is not a feed\n<rss>")
        #expect(events.compactMap(\.article).isEmpty)
        let s = try #require(events.first?.skipped)
        #expect(s.path == "news.xml" && s.line == 1 && s.reason.hasPrefix("not well-formed XML"))

        let broken = try Read.events("broken.rss", "<rss version=\"2.0\"><channel><title>소식</title>\n<item><title>하나</title></item>\n<item><title>둘</title>\n</channel></rss>")
        #expect(broken.compactMap(\.article).isEmpty)
        #expect(broken.first?.skipped?.line == 4)
    }

    @Test func xmlThatIsNotAFeedIsSkippedNamingItsRoot() throws {
        let events = try Read.events("sitemap.xml", "<?xml version=\"1.0\"?>\n<urlset><url><loc>https://x.example/</loc></url></urlset>")
        #expect(events.count == 1)
        #expect(events[0].skipped?.reason.contains("<urlset>") == true)
    }

    @Test func anItemWithAnUnreadableDateIsIndexedWithAWarning() throws {
        let feed = "<rss version=\"2.0\"><channel><title>t</title><item><title>순찰 강화</title><pubDate>어제 오후</pubDate><description>경찰이 순찰을 강화했다.</description></item></channel></rss>"
        let events = try Read.events("d.rss", feed)
        #expect(events.compactMap(\.warning).first?.message.contains("어제 오후") == true)
        let a = try #require(events.compactMap(\.article).first)
        #expect(a.date == nil && a.id == "d:1")
    }
}
