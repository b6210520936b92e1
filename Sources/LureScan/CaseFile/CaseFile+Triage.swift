import GRDB

/// Where an investigator stands on a document. A document with no triage row is `new`.
public enum TriageStatus: String, Sendable, CaseIterable {
    case new, reviewed, relevant, dismissed
}

/// One document's triage, with what the case file holds of its latest assessment.
public struct TriageEntry: Sendable, Equatable {
    public var document: String
    public var status: TriageStatus
    public var note: String?
    /// When the status or note was last set (ISO 8601 UTC); nil for a document never triaged.
    public var time: String?
    public var score: Double?
    public var band: String?
    public var crime: String?
    public var sourcePath: String?
}

public enum CaseFileError: Error, CustomStringConvertible {
    case unknownDocument(String)

    public var description: String {
        switch self {
        case .unknownDocument(let id): "no document \(id) in the case file"
        }
    }
}

extension CaseFile {
    /// Sets a document's status and/or note (a nil argument keeps what was there; a new row
    /// starts as `new`). The document must be in the case file.
    @discardableResult
    public func setTriage(document: String, status: TriageStatus?, note: String?) throws -> TriageEntry {
        try pool.write { db in
            guard try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM documents WHERE id = ?)", arguments: [document]) == true else {
                throw CaseFileError.unknownDocument(document)
            }
            try db.execute(sql: """
                INSERT INTO triage (document, status, note, time) VALUES (?, COALESCE(?, 'new'), ?, ?)
                ON CONFLICT (document) DO UPDATE SET status = COALESCE(?, status), note = COALESCE(?, note), time = excluded.time
                """, arguments: [document, status?.rawValue, note, CaseFile.now(), status?.rawValue, note])
        }
        return try triage(document: document)!
    }

    /// One document's triage (nil when the case file has no such document).
    public func triage(document: String) throws -> TriageEntry? {
        try pool.read { db in
            try Row.fetchOne(db, sql: Self.triageQuery + " WHERE documents.id = ? ORDER BY assessments.score DESC LIMIT 1",
                             arguments: [document]).map(Self.entry)
        }
    }

    /// Documents that scored above zero or were triaged, highest score first; with `status`,
    /// only those with that status.
    public func triageList(status: TriageStatus? = nil) throws -> [TriageEntry] {
        try pool.read { db in
            let rows = try Row.fetchAll(db, sql: """
                WITH latest AS (\(Self.triageQuery))
                SELECT document, status, note, time, MAX(score) AS score, band, crime, source_path FROM latest
                WHERE (score > 0 OR time IS NOT NULL) AND (? IS NULL OR status = ?)
                GROUP BY document
                ORDER BY score DESC, document
                """, arguments: [status?.rawValue, status?.rawValue])
            return rows.map(Self.entry)
        }
    }

    private static let triageQuery = """
        SELECT documents.id AS document, COALESCE(triage.status, 'new') AS status, triage.note AS note, triage.time AS time,
               assessments.score AS score, assessments.band AS band, assessments.crime AS crime, sources.path AS source_path
        FROM documents
        JOIN sources ON sources.id = documents.source
        LEFT JOIN assessments ON assessments.document = documents.key
        LEFT JOIN triage ON triage.document = documents.id
        """

    private static func entry(_ row: Row) -> TriageEntry {
        TriageEntry(document: row["document"], status: TriageStatus(rawValue: row["status"]) ?? .new, note: row["note"],
                    time: row["time"], score: row["score"], band: row["band"], crime: row["crime"], sourcePath: row["source_path"])
    }
}
