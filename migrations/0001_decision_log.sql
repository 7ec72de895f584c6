-- The decision log: one number sequence, the current state of each ADR, its revisions,
-- status transitions and typed links. Plain SQL that PostgreSQL also accepts; timestamps are
-- RFC 3339 text in UTC, documents are JSON text.

CREATE TABLE users (
    id TEXT PRIMARY KEY,
    display_name TEXT NOT NULL,
    created_at TEXT NOT NULL
);

-- Every mutation names its actor; until accounts exist that is this reserved user.
INSERT INTO users (id, display_name, created_at)
VALUES ('anonymous', 'Anonymous', '2026-01-01T00:00:00Z');

-- Numbers come from here, never from MAX(number), so they are never reused.
CREATE TABLE counters (
    name TEXT PRIMARY KEY,
    value BIGINT NOT NULL
);

INSERT INTO counters (name, value) VALUES ('adr_number', 0);

-- How many ADRs are in each status, kept by the same transactions that change a status, so
-- the home page never counts the whole table.
INSERT INTO counters (name, value) VALUES
    ('status:draft', 0), ('status:proposed', 0), ('status:accepted', 0),
    ('status:rejected', 0), ('status:deprecated', 0), ('status:superseded', 0);

CREATE TABLE adrs (
    number BIGINT PRIMARY KEY,
    title TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN
        ('draft', 'proposed', 'accepted', 'rejected', 'deprecated', 'superseded')),
    decided_on TEXT NOT NULL,
    -- The MADR document as JSON, its markdown fields rendered to sanitised HTML, and the
    -- few fields a list row shows (tags, tickets, decision-makers) as a small JSON object.
    document TEXT NOT NULL,
    rendered TEXT NOT NULL,
    summary TEXT NOT NULL,
    version BIGINT NOT NULL,
    content_version BIGINT NOT NULL,
    accepted_version BIGINT,
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL REFERENCES users (id),
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL REFERENCES users (id)
);

CREATE INDEX adrs_status ON adrs (status, number);
CREATE INDEX adrs_decided_on ON adrs (decided_on, number);
CREATE INDEX adrs_updated_at ON adrs (updated_at, number);
CREATE INDEX adrs_title ON adrs (title, number);

-- Lookup tables for filters, rewritten with each save from the document.
CREATE TABLE adr_tags (
    adr_number BIGINT NOT NULL REFERENCES adrs (number),
    tag TEXT NOT NULL,
    PRIMARY KEY (adr_number, tag)
);

CREATE INDEX adr_tags_tag ON adr_tags (tag, adr_number);

CREATE TABLE adr_people (
    adr_number BIGINT NOT NULL REFERENCES adrs (number),
    role TEXT NOT NULL CHECK (role IN ('decision_maker', 'consulted', 'informed')),
    name TEXT NOT NULL,
    PRIMARY KEY (adr_number, role, name)
);

CREATE INDEX adr_people_name ON adr_people (name, role, adr_number);

CREATE TABLE adr_tickets (
    adr_number BIGINT NOT NULL REFERENCES adrs (number),
    ticket TEXT NOT NULL,
    PRIMARY KEY (adr_number, ticket)
);

CREATE INDEX adr_tickets_ticket ON adr_tickets (ticket, adr_number);

-- Every save, as it was. A status move is a revision with `previous_status` set: it records
-- the transition, when and by whom.
CREATE TABLE adr_revisions (
    adr_number BIGINT NOT NULL REFERENCES adrs (number),
    revision BIGINT NOT NULL,
    status TEXT NOT NULL,
    previous_status TEXT,
    document TEXT NOT NULL,
    change TEXT NOT NULL,
    actor TEXT NOT NULL REFERENCES users (id),
    created_at TEXT NOT NULL,
    PRIMARY KEY (adr_number, revision)
);

-- "source kind target": 7 supersedes 3. Reverse labels are derived when read.
CREATE TABLE adr_links (
    source BIGINT NOT NULL REFERENCES adrs (number),
    kind TEXT NOT NULL CHECK (kind IN ('supersedes', 'amends', 'relates')),
    target BIGINT NOT NULL REFERENCES adrs (number),
    actor TEXT NOT NULL REFERENCES users (id),
    created_at TEXT NOT NULL,
    PRIMARY KEY (source, kind, target)
);

CREATE INDEX adr_links_target ON adr_links (target, kind);
