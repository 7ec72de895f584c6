-- Imported files: where each imported ADR came from (so that importing the same files again
-- changes nothing, and an edited file becomes a new revision of the same ADR), the status as
-- the file wrote it when Tradeoff read it as its nearest, and the files an ADR references
-- by a relative path (images, diagrams), served from the ADR and written back on export.

CREATE TABLE adr_sources (
    adr_number BIGINT PRIMARY KEY REFERENCES adrs (number),
    source_path TEXT NOT NULL UNIQUE,
    format TEXT NOT NULL,
    status_text TEXT,
    content_hash TEXT NOT NULL,
    imported_at TEXT NOT NULL
);

CREATE TABLE adr_files (
    adr_number BIGINT NOT NULL REFERENCES adrs (number),
    name TEXT NOT NULL,
    content_type TEXT NOT NULL,
    bytes BLOB NOT NULL,
    PRIMARY KEY (adr_number, name)
);
