import Foundation
import GRDB

/// A SQLite case file (`--db FILE.sqlite`): every run, source, document, assessment, hit,
/// selector and cluster a scan produced, plus the investigators' triage. WAL mode and one
/// transaction per batch: a scan killed midway leaves a consistent file, and the next run
/// re-reads only the sources no run completed with the same rules (see `CaseFileRun`).
public final class CaseFile: Sendable {
    /// The reason a source is skipped when its SHA-256 and the rule-set hash are unchanged.
    public static let unchangedReason = "unchanged since the case file's last run"

    public let path: String
    let pool: DatabasePool

    /// Opens (creating when missing) the case file at `path` and brings its schema up to date;
    /// `readOnly` opens an existing file as it is, for queries.
    public init(path: String, readOnly: Bool = false) throws {
        self.path = path
        var configuration = Configuration()
        configuration.readonly = readOnly
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(10)
        configuration.label = "lurescan.casefile"
        // A DatabasePool runs in WAL mode. NORMAL sync is safe in WAL: a crash may lose the
        // last commits, never consistency.
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        pool = try DatabasePool(path: path, configuration: configuration)
        if !readOnly { try CaseFileSchema.migrator.migrate(pool) }
    }

    /// Runs one query in a read transaction; every value as text (nil for NULL, blobs in
    /// hex): for tests and tools that look into the file.
    public func rows(_ sql: String, _ arguments: [String] = []) throws -> [[String?]] {
        try pool.read { db in
            try Row.fetchAll(db, sql: sql, arguments: StatementArguments(arguments)).map { row in
                row.databaseValues.map { value -> String? in
                    switch value.storage {
                    case .null: nil
                    case .int64(let number): String(number)
                    case .double(let number): String(number)
                    case .string(let text): text
                    case .blob(let data): data.map { String(format: "%02x", $0) }.joined()
                    }
                }
            }
        }
    }

    /// The first column of the first row of `sql`, as an integer (counts).
    public func count(_ sql: String, _ arguments: [String] = []) throws -> Int {
        Int(try rows(sql, arguments).first?.first.flatMap { $0 } ?? "") ?? 0
    }

    /// The schema version (`PRAGMA user_version`).
    public func schemaVersion() throws -> Int {
        try pool.read { try Int.fetchOne($0, sql: "PRAGMA user_version") ?? 0 }
    }

    /// `PRAGMA integrity_check`: "ok" for a sound file.
    public func integrityCheck() throws -> String {
        try pool.read { try String.fetchAll($0, sql: "PRAGMA integrity_check").joined(separator: "\n") }
    }

    /// Starts a run: records it (unfinished until `CaseFileRun.finish`) and loads the sources
    /// completed with the same rule set, so `shouldSkip` can answer from memory. A source's
    /// completion is committed with its last rows, so a killed run's completed sources count.
    public func beginRun(version: String, ruleSetHash: String, command: String) throws -> CaseFileRun {
        let (id, completed) = try pool.write { db -> (Int64, [String: String]) in
            try db.execute(sql: "INSERT INTO runs (started, version, rule_set_hash, command) VALUES (?, ?, ?, ?)",
                           arguments: [CaseFile.now(), version, ruleSetHash, command])
            let id = db.lastInsertedRowID
            let rows = try Row.fetchAll(db, sql: """
                SELECT sources.path, sources.sha256 FROM sources JOIN runs ON runs.id = sources.run
                WHERE sources.completed = 1 AND runs.rule_set_hash = ?
                """, arguments: [ruleSetHash])
            var completed: [String: String] = [:]
            for row in rows { completed[row["path"]] = row["sha256"] }
            return (id, completed)
        }
        return CaseFileRun(caseFile: self, id: id, ruleSetHash: ruleSetHash, completed: completed)
    }

    /// Runs `body` in one read transaction (tests and tools that query the file).
    public func read<T>(_ body: (Database) throws -> T) throws -> T {
        try pool.read(body)
    }

    /// Now, in ISO 8601 UTC with milliseconds.
    static func now() -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: Date())
    }
}
