-- A draft can be deleted. Its row stays, marked with who deleted it and when, so that its
-- number is never reused and its page can say what became of it (410); every list, search
-- and count leaves it out.
ALTER TABLE adrs ADD COLUMN deleted_at TEXT;
ALTER TABLE adrs ADD COLUMN deleted_by TEXT REFERENCES users (id);

-- A team matrix can be archived: no longer offered for new citations or checklists, while
-- every ADR assessed against it keeps reading the revision it cited. Restoring clears it.
ALTER TABLE matrices ADD COLUMN archived_at TEXT;
ALTER TABLE matrices ADD COLUMN archived_by TEXT REFERENCES users (id);
