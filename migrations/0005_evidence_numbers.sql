-- Each piece of evidence gets a number within its ADR (1, 2, 3 in upload order), as
-- "evidence #1" in a justification reads; the global id stays the API's key. Numbers are
-- never reused: removed evidence keeps its row and its number.
ALTER TABLE evidence ADD COLUMN number BIGINT;

UPDATE evidence SET number = (
    SELECT COUNT(*) FROM evidence AS earlier
    WHERE earlier.adr_number = evidence.adr_number AND earlier.id <= evidence.id
);

CREATE UNIQUE INDEX evidence_adr_number ON evidence (adr_number, number);
