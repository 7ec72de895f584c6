-- A draft can be deleted. Its row stays, marked with who deleted it and when, so that its
-- number is never reused and its page can say what became of it (410); every list, search
-- and count leaves it out.
ALTER TABLE adrs ADD COLUMN deleted_at TEXT;
ALTER TABLE adrs ADD COLUMN deleted_by TEXT REFERENCES users (id);
