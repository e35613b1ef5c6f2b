import Foundation
import SosikIngest
import GRDB
import SosikText

/// Tables, migrations and the compatibility check.
///
/// Passages are indexed through an *external content* FTS5 table whose content is a view joining
/// each passage with its document's title: text is stored once, titles once per document, and
/// highlight()/snippet() still read the original text.
enum Schema {
    static let version = 12

    static var migrator: DatabaseMigrator {
        var m = DatabaseMigrator()
        m.registerMigration("v1") { db in
            try db.execute(sql: """
                CREATE TABLE sosik_meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
                INSERT INTO sosik_meta(key, value) VALUES ('analyzer', 'sosik-v1'), ('schema', '1');
                CREATE TABLE documents(
                    id INTEGER PRIMARY KEY,
                    doc_key TEXT NOT NULL UNIQUE,
                    title TEXT NOT NULL DEFAULT '',
                    lang TEXT NOT NULL,
                    date TEXT,
                    source TEXT,
                    url TEXT,
                    path TEXT,
                    bytes INTEGER NOT NULL DEFAULT 0
                );
                CREATE TABLE passages(
                    id INTEGER PRIMARY KEY,
                    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
                    ordinal INTEGER NOT NULL,
                    text TEXT NOT NULL,
                    UNIQUE(document_id, ordinal)
                );
                CREATE VIEW passage_content AS
                    SELECT p.id AS id, d.title AS title, p.text AS text
                    FROM passages p JOIN documents d ON d.id = p.document_id;
                CREATE VIRTUAL TABLE passage_fts USING fts5(
                    title, text,
                    content = 'passage_content', content_rowid = 'id',
                    tokenize = 'sosik', detail = full
                );
                -- Title matches weigh three times body matches (measured on the sample corpus:
                -- a headline word is a stronger signal than the same word in one paragraph).
                INSERT INTO passage_fts(passage_fts, rank) VALUES ('rank', 'bm25(3.0, 1.0)');
                """)
        }
        m.registerMigration("v2") { db in
            // Passage kinds (captions, credits, footers rank below body text through their own
            // FTS5 column, and carry no title: a two-word credit line with the headline's words
            // would otherwise outrank every paragraph), translation pairs, and the v2 analyzer: the FTS5 index is rebuilt
            // from the stored text, so nothing has to be read from the corpus again.
            try db.execute(sql: """
                ALTER TABLE passages ADD COLUMN kind TEXT NOT NULL DEFAULT 'body';
                ALTER TABLE documents ADD COLUMN translation_of TEXT;
                CREATE INDEX documents_translation_of ON documents(translation_of);
                DROP TABLE passage_fts;
                DROP VIEW passage_content;
                CREATE VIEW passage_content AS
                    SELECT p.id AS id,
                           CASE p.kind WHEN 'body' THEN d.title ELSE '' END AS title,
                           CASE p.kind WHEN 'body' THEN p.text ELSE '' END AS text,
                           CASE p.kind WHEN 'body' THEN '' ELSE p.text END AS aside
                    FROM passages p JOIN documents d ON d.id = p.document_id;
                CREATE VIRTUAL TABLE passage_fts USING fts5(
                    title, text, aside,
                    content = 'passage_content', content_rowid = 'id',
                    tokenize = 'sosik', detail = full
                );
                -- Title 3×, body 1×, captions/credits/footers 0.3×.
                INSERT INTO passage_fts(passage_fts, rank) VALUES ('rank', 'bm25(3.0, 1.0, 0.3)');
                UPDATE sosik_meta SET value = '2' WHERE key = 'schema';
                """)
            // The full-text index (passage_fts here, article_fts since v5) is derived data:
            // DerivedData rebuilds it with this build's analyzer.
            try DerivedData.markStale(db, "derived.fts")
        }
        m.registerMigration("v3") { db in
            // Incremental indexing: which file each document came from, and what it contained.
            try db.execute(sql: """
                CREATE TABLE files(
                    id INTEGER PRIMARY KEY,
                    path TEXT NOT NULL UNIQUE,      -- absolute
                    size INTEGER NOT NULL,
                    modified REAL NOT NULL,         -- seconds since 1970
                    hash TEXT                       -- NULL while the file is being indexed
                );
                ALTER TABLE documents ADD COLUMN file_id INTEGER REFERENCES files(id);
                ALTER TABLE documents ADD COLUMN content_hash TEXT;
                CREATE INDEX documents_file ON documents(file_id);
                UPDATE sosik_meta SET value = '3' WHERE key = 'schema';
                """)
        }
        m.registerMigration("v4") { db in
            // Passage text compressed (sosik_deflate: raw DEFLATE when smaller, else TEXT as
            // before), read through sosik_text: the index went from 2.2× to ~1.8× the text.
            // The FTS5 index is unchanged: its content view yields the same text.
            try db.execute(sql: """
                DROP VIEW passage_content;
                CREATE VIEW passage_content AS
                    SELECT p.id AS id,
                           CASE p.kind WHEN 'body' THEN d.title ELSE '' END AS title,
                           CASE p.kind WHEN 'body' THEN sosik_text(p.text) ELSE '' END AS text,
                           CASE p.kind WHEN 'body' THEN '' ELSE sosik_text(p.text) END AS aside
                    FROM passages p JOIN documents d ON d.id = p.document_id;
                UPDATE passages SET text = sosik_deflate(text) WHERE typeof(text) = 'text';
                UPDATE sosik_meta SET value = '4' WHERE key = 'schema';
                """)
        }
        m.registerMigration("v5") { db in
            // Article-level matching (issue 12): one FTS5 row per article, so that FTS5 itself
            // evaluates a query over the whole article (words in any passage, exclusions
            // anywhere), with its passages joined by U+001E in the body and aside columns
            // (ArticleText: boundary tokens keep phrases inside one passage) and each passage's
            // first token position stored with the document, for the ranking to find the best
            // passage. The passage index is replaced, built from the stored text: nothing is
            // read from the corpus again. Passages keep their ids and text.
            try db.execute(sql: """
                DROP TABLE passage_fts;
                DROP VIEW passage_content;
                ALTER TABLE documents ADD COLUMN passage_starts BLOB;
                CREATE VIEW article_content AS
                    SELECT d.id AS id, d.title AS title,
                           COALESCE((SELECT group_concat(t, char(30)) FROM (
                               SELECT sosik_text(p.text) AS t FROM passages p
                               WHERE p.document_id = d.id AND p.kind = 'body' ORDER BY p.ordinal)), '') AS text,
                           COALESCE((SELECT group_concat(t, char(30)) FROM (
                               SELECT sosik_text(p.text) AS t FROM passages p
                               WHERE p.document_id = d.id AND p.kind <> 'body' ORDER BY p.ordinal)), '') AS aside
                    FROM documents d;
                CREATE VIRTUAL TABLE article_fts USING fts5(
                    title, text, aside,
                    content = 'article_content', content_rowid = 'id',
                    tokenize = 'sosik', detail = full
                );
                -- As before: title 3×, body 1×, captions/credits/footers 0.3× (bm25() and rank).
                INSERT INTO article_fts(article_fts, rank) VALUES ('rank', 'bm25(3.0, 1.0, 0.3)');
                """)
            // U+001E now joins passages: older versions kept it in text (never in practice).
            try db.execute(sql: """
                UPDATE passages SET text = replace(sosik_text(text), char(30), ' ') WHERE instr(sosik_text(text), char(30)) > 0;
                UPDATE documents SET title = replace(title, char(30), ' ') WHERE instr(title, char(30)) > 0;
                """)
            // Each passage's first token position, and the full-text index from the stored
            // text: derived data (DerivedData).
            try db.execute(sql: "UPDATE sosik_meta SET value = '5' WHERE key = 'schema'")
            try DerivedData.markStale(db, "derived.passage_starts")
            try DerivedData.markStale(db, "derived.fts")
        }
        m.registerMigration("v6") { db in
            // Translation links found in web pages (hreflang alternates, "Read in Korean"
            // links, issue 13) are kept as URLs, and resolved to `translation_of` when a
            // page with that URL is indexed (Indexer.resolveTranslations). URLs are compared
            // by `url_key` (Article.urlKey: no scheme, no www., no fragment or tracking
            // parameters).
            // Files record how many of their records were skipped: such a file is read again
            // on the next run (its problems reported again; --map may now read it). A JSON Lines
            // file interrupted by Ctrl-C records the line its committed records reach, and the
            // stamp it had then: the next run goes on from there if the file is unchanged.
            try db.execute(sql: """
                ALTER TABLE documents ADD COLUMN url_key TEXT;
                ALTER TABLE files ADD COLUMN problems INTEGER NOT NULL DEFAULT 0;
                ALTER TABLE files ADD COLUMN resume_line INTEGER NOT NULL DEFAULT 0;
                UPDATE documents SET url_key = url WHERE url IS NOT NULL;
                CREATE INDEX documents_url_key ON documents(url_key) WHERE url_key IS NOT NULL;
                CREATE TABLE translation_links(
                    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
                    url_key TEXT NOT NULL,
                    PRIMARY KEY(document_id, url_key)
                ) WITHOUT ROWID;
                UPDATE sosik_meta SET value = '6' WHERE key = 'schema';
                """)
            // url_key as new rows get it (Article.urlKey), so that links to pages indexed before
            // the upgrade resolve: derived data (DerivedData).
            try DerivedData.markStale(db, "derived.url_key")
        }
        m.registerMigration("v7") { db in
            // Issue 16. Each `sosik index` run is recorded (runs), and each document remembers
            // the run that last wrote it (search --new, --added-since, sosik watch). Each article
            // gets its MinHash signature (Signature; near-duplicates collapsed in results),
            // computed from the stored body passages by DerivedData.
            try db.execute(sql: """
                CREATE TABLE runs(
                    id INTEGER PRIMARY KEY,
                    started TEXT NOT NULL,
                    finished TEXT,
                    files_added INTEGER NOT NULL DEFAULT 0,
                    files_updated INTEGER NOT NULL DEFAULT 0,
                    files_removed INTEGER NOT NULL DEFAULT 0,
                    documents_written INTEGER NOT NULL DEFAULT 0,
                    documents_removed INTEGER NOT NULL DEFAULT 0,
                    passages INTEGER NOT NULL DEFAULT 0
                );
                ALTER TABLE documents ADD COLUMN run_id INTEGER;
                ALTER TABLE documents ADD COLUMN signature BLOB;
                CREATE INDEX documents_run ON documents(run_id);
                """)
            try db.execute(sql: "UPDATE sosik_meta SET value = '7' WHERE key = 'schema'")
            try DerivedData.markStale(db, "derived.signature")
        }
        // Issue 22: analyzer sosik-v4 also indexes the bigram across a middle dot or hyphen
        // (북·미 → 북미), and takes no one-syllable stem from a 하다/되다 ending (당했다).
        m.registerMigration("v8") { db in try retokenize(db, schema: 8) }
        // Issue 22: analyzer sosik-v5 knows the copula after a noun (법입니다, 법이지만) and takes
        // no one-syllable stem from its contracted forms (물라, 세라).
        m.registerMigration("v9") { db in try retokenize(db, schema: 9) }
        // Issue 24: each file keeps the reading options it was indexed with (--map,
        // --date-order, as `name=value` lines), reused by later runs that do not give them.
        m.registerMigration("v10") { db in
            try db.execute(sql: """
                ALTER TABLE files ADD COLUMN options TEXT NOT NULL DEFAULT '';
                UPDATE sosik_meta SET value = '10' WHERE key = 'schema';
                """)
        }
        // Issue 25: derived data is recomputed by DerivedData, not by migrations. An index of
        // schema 10 holds it as the code of that schema computed it (versions 1, analyzer
        // sosik-v5): so recorded, unless a migration above marked a part stale.
        m.registerMigration("v11") { db in
            try db.execute(sql: """
                INSERT OR IGNORE INTO sosik_meta(key, value) VALUES
                    ('derived.passage_starts', '1'), ('derived.url_key', '1'), ('derived.signature', '1'), ('derived.fts', 'sosik-v5')
                """)
            try db.execute(sql: "UPDATE sosik_meta SET value = '11' WHERE key = 'schema'")
        }
        // Issue 26: the articles an index run removed (their file gone, or no longer holding
        // them), with that run, so that `sosik push` removes them from a cluster too. An
        // article written again is not removed (ExportedArticle.removed reads only ids the
        // index no longer holds): nothing is added to the writing of every article.
        m.registerMigration("v12") { db in
            try db.execute(sql: """
                CREATE TABLE removed_documents(doc_key TEXT PRIMARY KEY, run_id INTEGER NOT NULL) WITHOUT ROWID;
                UPDATE sosik_meta SET value = '12' WHERE key = 'schema';
                """)
        }
        return m
    }

    /// A migration for an analyzer whose new tokens sit at the position of another, so that
    /// positions (passage_starts) stay: the full-text index is rebuilt from the stored text by
    /// DerivedData, nothing read from the corpus.
    private static func retokenize(_ db: Database, schema: Int) throws {
        try db.execute(sql: "UPDATE sosik_meta SET value = ? WHERE key = 'schema'", arguments: ["\(schema)"])
        try DerivedData.markStale(db, "derived.fts")
    }

    static func checkCompatible(_ db: Database, path: String) throws {
        let analyzer = try String.fetchOne(db, sql: "SELECT value FROM sosik_meta WHERE key = 'analyzer'")
        let schema = try String.fetchOne(db, sql: "SELECT value FROM sosik_meta WHERE key = 'schema'")
        guard let analyzer, let schema else {
            throw IndexError.notAnIndex(path: path, reason: "no analyzer recorded")
        }
        if analyzer != Analyzer.name || schema != "\(version)" {
            throw IndexError.incompatibleIndex(path: path, found: "\(analyzer) (schema \(schema))",
                                               expected: "\(Analyzer.name) (schema \(version))")
        }
        // Derived data of older code (DerivedData): `sosik index` recomputes it.
        if let part = try DerivedData.stale(db).first {
            throw IndexError.incompatibleIndex(path: path, found: "\(analyzer) (schema \(schema), \(part) out of date)",
                                               expected: "\(Analyzer.name) (schema \(version))")
        }
    }
}
