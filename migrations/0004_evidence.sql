-- Evidence: benchmark and metrics output attached to an ADR and to one of its options (NULL
-- for the baseline), kept byte for byte with its parsed form. Removing a piece only marks it,
-- so the history keeps it. On PostgreSQL, `raw` is BYTEA.

INSERT INTO counters (name, value) VALUES ('evidence_id', 0);

CREATE TABLE evidence (
    id BIGINT PRIMARY KEY,
    adr_number BIGINT NOT NULL REFERENCES adrs (number),
    option_id TEXT,
    label TEXT NOT NULL,
    format TEXT NOT NULL,
    raw BLOB NOT NULL,
    -- JSON: the results and the skipped lines.
    parsed TEXT NOT NULL,
    lines_read BIGINT NOT NULL,
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL REFERENCES users (id),
    deleted_at TEXT,
    deleted_by TEXT REFERENCES users (id)
);

CREATE INDEX evidence_adr ON evidence (adr_number, id);

-- Per ADR: how benchmark names of different tools pair, and its own metric rules.
CREATE TABLE adr_evidence_settings (
    adr_number BIGINT PRIMARY KEY REFERENCES adrs (number),
    name_map TEXT NOT NULL,
    rules TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL REFERENCES users (id)
);
