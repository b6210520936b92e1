import Foundation
import GRDB
import Synchronization

/// One scan's writes to a case file. A source's row belongs to the last run that read it;
/// the first time a run writes for a source, the source's earlier documents (and, by
/// cascade, their assessments, hits and selectors) and skip records are deleted, so a rerun
/// replaces what a killed run left half-written. A source counts as completed once all its
/// rows are committed (`Item.completed`, in the transaction of its last rows), whether or not
/// its run finished: the next run skips it (`shouldSkip`) while its SHA-256 and the rule-set
/// hash are unchanged, so a scan killed midway resumes where it stopped.
public final class CaseFileRun: Sendable {
    public let caseFile: CaseFile
    public let id: Int64
    public let ruleSetHash: String
    /// path -> SHA-256 of the sources completed with this rule set.
    private let completed: [String: String]

    private struct State {
        /// Source row ids this run already reset (earlier documents deleted), by path.
        var rows: [String: Int64] = [:]
        /// Paths whose skip records from earlier runs this run deleted.
        var skipPaths: Set<String> = []
    }
    private let state = Mutex(State())

    init(caseFile: CaseFile, id: Int64, ruleSetHash: String, completed: [String: String]) {
        self.caseFile = caseFile
        self.id = id
        self.ruleSetHash = ruleSetHash
        self.completed = completed
    }

    /// The pipeline's `ScanOptions.skipSource`: true when a run (finished or not) completed
    /// this source, with the same SHA-256 and rule set.
    public func shouldSkip(_ source: Source) -> Bool {
        completed[source.path] == source.sha256
    }

    /// Something the sink writes in a batch.
    public enum Item: Sendable {
        /// Written without a rank: ranks come at the end (`finish`).
        case assessment(Assessment)
        case record(SkipRecord)
        /// Every row of the source is in this batch or an earlier one: it is completed.
        case completed(Source)
    }

    /// Writes `items` in one transaction; returns the row of each assessment written, by its
    /// `sequence` (for `finish` to rank them).
    @discardableResult
    public func write(_ items: [Item]) throws -> [(sequence: Int, row: Int64)] {
        guard !items.isEmpty else { return [] }
        return try caseFile.pool.write { db in
            var rows: [(sequence: Int, row: Int64)] = []
            for item in items {
                switch item {
                case .assessment(let assessment): rows.append((assessment.sequence, try insert(assessment, db)))
                case .record(let record): try insert(record, db)
                case .completed(let source):
                    try db.execute(sql: "UPDATE sources SET completed = 1 WHERE id = ?", arguments: [try sourceRow(source, db)])
                }
            }
            return rows
        }
    }

    /// Sets the ranks of this run's assessments (rows from `write`), writes the clusters and
    /// marks the run finished, in one transaction. The clusters are those of the documents
    /// this run read: sources skipped as completed keep the clusters of the run that read them.
    public func finish(ranks: [(row: Int64, rank: Int)] = [], clusters: [Cluster], summary: ScanSummary?) throws {
        try caseFile.pool.write { db in
            let setRank = try db.cachedStatement(sql: "UPDATE assessments SET rank = ? WHERE id = ?")
            for (row, rank) in ranks { try setRank.execute(arguments: [rank, row]) }
            for cluster in clusters {
                let members = JSONText.array(cluster.documents.map { JSONText.string($0.documentID) })
                let selectors = JSONText.array(cluster.selectors.map { JSONText.string("\($0.key.kind.rawValue):\($0.key.value)") })
                try db.execute(sql: """
                    INSERT OR REPLACE INTO clusters (run, rank, documents, selectors, highest_score, mean_score)
                    VALUES (?, ?, ?, ?, ?, ?)
                    """, arguments: [id, cluster.rank, members, selectors, cluster.highestScore, cluster.meanScore])
            }
            try db.execute(sql: "UPDATE runs SET finished = ?, summary = ? WHERE id = ?",
                           arguments: [CaseFile.now(), summary?.text, id])
        }
    }

    /// The source's row id; on this run's first write for it, its earlier documents and skip
    /// records are deleted and the row is taken over (size, SHA-256, format, run; not completed).
    private func sourceRow(_ source: Source, _ db: Database) throws -> Int64 {
        if let row = state.withLock({ $0.rows[source.path] }) { return row }
        try deleteEarlierSkips(path: source.path, db)
        let row: Int64
        if let existing = try Int64.fetchOne(db, sql: "SELECT id FROM sources WHERE path = ?", arguments: [source.path]) {
            try db.execute(sql: "DELETE FROM documents WHERE source = ?", arguments: [existing])
            try db.execute(sql: "UPDATE sources SET size = ?, sha256 = ?, format = ?, run = ?, completed = 0 WHERE id = ?",
                           arguments: [source.size, source.sha256, source.format.rawValue, id, existing])
            row = existing
        } else {
            try db.execute(sql: "INSERT INTO sources (path, size, sha256, format, run) VALUES (?, ?, ?, ?, ?)",
                           arguments: [source.path, source.size, source.sha256, source.format.rawValue, id])
            row = db.lastInsertedRowID
        }
        // Forgotten if the transaction rolls back: a failed batch leaves nothing behind.
        state.withLock { $0.rows[source.path] = row }
        db.afterNextTransaction(onCommit: { _ in }, onRollback: { _ in self.state.withLock { $0.rows[source.path] = nil } })
        return row
    }

    /// Skip records of `path` are those of the last run that read it or skipped it (a rerun
    /// after a kill does not count a document twice); on this run's first write for the path,
    /// earlier runs' records go.
    private func deleteEarlierSkips(path: String, _ db: Database) throws {
        guard state.withLock({ $0.skipPaths.insert(path).inserted }) else { return }
        try db.execute(sql: "DELETE FROM skips WHERE path = ? AND run <> ?", arguments: [path, id])
        db.afterNextTransaction(onCommit: { _ in }, onRollback: { _ in self.state.withLock { _ = $0.skipPaths.remove(path) } })
    }

    /// Inserts the document, its assessment, hits and selectors; returns the assessment's row.
    private func insert(_ assessment: Assessment, _ db: Database) throws -> Int64 {
        let source = try sourceRow(assessment.source, db)
        let location = assessment.location
        let message = assessment.message
        try db.cachedStatement(sql: """
            INSERT INTO documents (id, source, run, kind, line, record, start_byte, end_byte, location_path, language,
                                   conversation, sender, timestamp, message_index)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [
                assessment.documentID, source, id, assessment.kind.rawValue, location.line, location.record,
                location.byteRange.lowerBound, location.byteRange.upperBound, location.path, assessment.language,
                message?.conversation ?? (assessment.kind == .conversation ? assessment.documentID : nil),
                message?.sender, message?.timestamp, message?.index,
            ])
        let document = db.lastInsertedRowID
        let elements = assessment.elements
        try db.cachedStatement(sql: """
            INSERT INTO assessments (document, run, rank, score, band, crime, trafficking_score, smuggling_score,
                                     act, means, purpose, minor, complete, charset, invalid_bytes, errors)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [
                document, id, nil, assessment.score, assessment.band.rawValue, assessment.crime?.rawValue,
                assessment.traffickingScore, assessment.smugglingScore,
                elements.act, elements.means, elements.purpose, elements.minor, elements.isComplete,
                assessment.charset, assessment.invalidBytes, JSONText.array(assessment.errors.map(JSONText.string)),
            ])
        let assessmentRow = db.lastInsertedRowID
        // A conversation's evidence is its messages' hits.
        let hits = assessment.hits.isEmpty ? (assessment.conversation?.messages.flatMap(\.hits) ?? []) : assessment.hits
        let insertHit = try db.cachedStatement(sql: """
            INSERT INTO hits (assessment, indicator, category, element, crime, weight, start_byte, end_byte, text)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        for hit in hits {
            try insertHit.execute(arguments: [
                assessmentRow, hit.indicatorID, hit.category.rawValue, hit.element.rawValue, hit.crime.rawValue,
                hit.weight, hit.sourceRange.lowerBound, hit.sourceRange.upperBound, hit.text,
            ])
        }
        let insertSelector = try db.cachedStatement(sql: """
            INSERT INTO selectors (document, kind, value, text, start_byte, end_byte) VALUES (?, ?, ?, ?, ?, ?)
            """)
        for selector in assessment.selectors {
            try insertSelector.execute(arguments: [
                document, selector.kind.rawValue, selector.value, selector.text,
                selector.sourceRange.lowerBound, selector.sourceRange.upperBound,
            ])
        }
        return assessmentRow
    }

    private func insert(_ record: SkipRecord, _ db: Database) throws {
        try deleteEarlierSkips(path: record.path, db)
        try db.cachedStatement(sql: """
            INSERT INTO skips (run, kind, path, sha256, line, record, field, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [
                id, record.kind.rawValue, record.path, record.sha256, record.location?.line, record.location?.record,
                record.field, record.reason,
            ])
    }
}
