import GRDB
import SosikText

/// Tables, migrations and the compatibility check.
///
/// Passages are indexed through an *external content* FTS5 table whose content is a view joining
/// each passage with its document's title: text is stored once, titles once per document, and
/// highlight()/snippet() still read the original text.
enum Schema {
    static let version = 5

    /// Passages one document can have: a passage's id is `documentID << 16 | ordinal` (schema
    /// v5), so the document of any FTS5 match is `rowid >> 16`. The indexer merges the passages
    /// of a longer article (over 65,536 × 300 characters: ~20 MB of text) into its last one.
    static let passagesPerDocument: Int64 = 1 << 16

    static func passageID(document: Int64, ordinal: Int) -> Int64 {
        document << 16 | Int64(ordinal)
    }

    static func document(ofPassage id: Int64) -> Int64 {
        id >> 16
    }

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
                INSERT INTO passage_fts(passage_fts) VALUES ('rebuild');
                UPDATE sosik_meta SET value = '2' WHERE key = 'schema';
                UPDATE sosik_meta SET value = '\(Analyzer.name)' WHERE key = 'analyzer';
                """)
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
            // Article-level matching (issue 12): a passage's rowid tells its document,
            // id = document id × 65,536 + ordinal (`passageID`), so that the searcher can walk the
            // FTS5 matches of each query word in rowid order and see, without a join, which
            // article each belongs to. Ids are renumbered (through negative values, so no new id
            // meets an old one) and the full-text index is rebuilt from the stored text: nothing
            // is read from the corpus again. Documents keep their ids.
            try db.execute(sql: """
                UPDATE passages SET id = -id;
                UPDATE passages SET id = document_id * \(Schema.passagesPerDocument) + ordinal;
                INSERT INTO passage_fts(passage_fts) VALUES ('rebuild');
                UPDATE sosik_meta SET value = '5' WHERE key = 'schema';
                """)
            try Indexer.refreshStatistics(db)
        }
        return m
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
    }
}
