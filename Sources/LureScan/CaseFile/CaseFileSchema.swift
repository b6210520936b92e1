import GRDB

/// The case file's schema, as versioned migrations (GRDB's `DatabaseMigrator`: each one runs
/// once, in order, and is recorded in `grdb_migrations`; `PRAGMA user_version` follows the
/// latest for readers without GRDB). Never edit a shipped migration: add the next one.
/// The README's "Case file" section documents every table.
enum CaseFileSchema {
    /// The schema version a file has once every migration ran.
    static let version = 2

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(sql: v1)
            try db.execute(sql: "PRAGMA user_version = 1")
        }
        // A rerun replaces a source's skip records by path (`CaseFileRun`), once per path.
        migrator.registerMigration("v2") { db in
            try db.execute(sql: "CREATE INDEX skips_by_path ON skips(path)")
            try db.execute(sql: "PRAGMA user_version = 2")
        }
        return migrator
    }

    static let v1 = """
        CREATE TABLE runs (
            id INTEGER PRIMARY KEY,
            started TEXT NOT NULL,
            finished TEXT,
            version TEXT NOT NULL,
            rule_set_hash TEXT NOT NULL,
            command TEXT NOT NULL,
            summary TEXT
        );
        CREATE TABLE sources (
            id INTEGER PRIMARY KEY,
            path TEXT NOT NULL UNIQUE,
            size INTEGER NOT NULL,
            sha256 TEXT NOT NULL,
            format TEXT NOT NULL,
            run INTEGER NOT NULL REFERENCES runs(id),
            completed INTEGER NOT NULL DEFAULT 0
        );
        CREATE TABLE documents (
            key INTEGER PRIMARY KEY,
            id TEXT NOT NULL,
            source INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
            run INTEGER NOT NULL REFERENCES runs(id),
            kind TEXT NOT NULL,
            line INTEGER NOT NULL,
            record INTEGER,
            start_byte INTEGER NOT NULL,
            end_byte INTEGER NOT NULL,
            location_path TEXT,
            language TEXT NOT NULL,
            conversation TEXT,
            sender TEXT,
            timestamp TEXT,
            message_index INTEGER
        );
        CREATE INDEX documents_by_id ON documents(id);
        CREATE INDEX documents_by_source ON documents(source);
        CREATE TABLE assessments (
            id INTEGER PRIMARY KEY,
            document INTEGER NOT NULL UNIQUE REFERENCES documents(key) ON DELETE CASCADE,
            run INTEGER NOT NULL REFERENCES runs(id),
            rank INTEGER,
            score REAL NOT NULL,
            band TEXT NOT NULL,
            crime TEXT,
            trafficking_score REAL NOT NULL,
            smuggling_score REAL NOT NULL,
            act INTEGER NOT NULL,
            means INTEGER NOT NULL,
            purpose INTEGER NOT NULL,
            minor INTEGER NOT NULL,
            complete INTEGER NOT NULL,
            charset TEXT NOT NULL,
            invalid_bytes INTEGER NOT NULL,
            errors TEXT NOT NULL
        );
        CREATE INDEX assessments_by_score ON assessments(score DESC);
        CREATE TABLE hits (
            assessment INTEGER NOT NULL REFERENCES assessments(id) ON DELETE CASCADE,
            indicator TEXT NOT NULL,
            category TEXT NOT NULL,
            element TEXT NOT NULL,
            crime TEXT NOT NULL,
            weight REAL NOT NULL,
            start_byte INTEGER NOT NULL,
            end_byte INTEGER NOT NULL,
            text TEXT NOT NULL
        );
        CREATE INDEX hits_by_assessment ON hits(assessment);
        CREATE INDEX hits_by_indicator ON hits(indicator);
        CREATE TABLE selectors (
            document INTEGER NOT NULL REFERENCES documents(key) ON DELETE CASCADE,
            kind TEXT NOT NULL,
            value TEXT NOT NULL,
            text TEXT NOT NULL,
            start_byte INTEGER NOT NULL,
            end_byte INTEGER NOT NULL
        );
        CREATE INDEX selectors_by_document ON selectors(document);
        CREATE INDEX selectors_by_value ON selectors(kind, value);
        CREATE TABLE clusters (
            run INTEGER NOT NULL REFERENCES runs(id),
            rank INTEGER NOT NULL,
            documents TEXT NOT NULL,
            selectors TEXT NOT NULL,
            highest_score REAL NOT NULL,
            mean_score REAL NOT NULL,
            PRIMARY KEY (run, rank)
        );
        CREATE TABLE skips (
            run INTEGER NOT NULL REFERENCES runs(id),
            kind TEXT NOT NULL,
            path TEXT NOT NULL,
            sha256 TEXT,
            line INTEGER,
            record INTEGER,
            field TEXT,
            reason TEXT NOT NULL
        );
        CREATE TABLE triage (
            document TEXT PRIMARY KEY,
            status TEXT NOT NULL CHECK (status IN ('new', 'reviewed', 'relevant', 'dismissed')),
            note TEXT,
            time TEXT NOT NULL
        );
        """
}
