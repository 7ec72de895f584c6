-- Teams' own matrices with every revision, and each ADR's assessment against the guide's
-- and the teams' matrices. Citations name the matrix revision they were read at, so a later
-- edit of a matrix never rewrites a past decision.

CREATE TABLE matrices (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    usage TEXT NOT NULL CHECK (usage IN ('reference', 'checklist', 'threats')),
    revision BIGINT NOT NULL,
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL REFERENCES users (id),
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL REFERENCES users (id)
);

CREATE TABLE matrix_revisions (
    matrix_id TEXT NOT NULL REFERENCES matrices (id),
    revision BIGINT NOT NULL,
    name TEXT NOT NULL,
    -- JSON: the column headers, and the rows with their ids and cells.
    columns TEXT NOT NULL,
    rows TEXT NOT NULL,
    actor TEXT NOT NULL REFERENCES users (id),
    created_at TEXT NOT NULL,
    PRIMARY KEY (matrix_id, revision)
);

CREATE TABLE adr_assessments (
    adr_number BIGINT PRIMARY KEY REFERENCES adrs (number),
    version BIGINT NOT NULL,
    -- JSON: the assessment as recorded.
    document TEXT NOT NULL,
    -- Derived, for lists and the home page: kept by every save of the ADR or its assessment.
    deviation TEXT NOT NULL CHECK (deviation IN ('none', 'unjustified', 'justified')),
    open_checklist_items BIGINT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL REFERENCES users (id)
);

CREATE INDEX adr_assessments_deviation ON adr_assessments (deviation, adr_number);

-- Which matrix rows each ADR cites, for counts per row and for filtering the list.
CREATE TABLE adr_citations (
    adr_number BIGINT NOT NULL REFERENCES adrs (number),
    matrix_id TEXT NOT NULL,
    matrix_revision BIGINT NOT NULL,
    row_id TEXT NOT NULL,
    PRIMARY KEY (adr_number, matrix_id, row_id)
);

CREATE INDEX adr_citations_row ON adr_citations (matrix_id, row_id, adr_number);
