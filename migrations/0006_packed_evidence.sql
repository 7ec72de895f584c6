-- The parsed form of new evidence is stored packed (app/src/ssr/evidence/packed.rs): samples
-- as binary floats and each name, unit and configuration once, rather than as JSON that
-- repeated the configuration of every result. Rows stored before keep their JSON in `parsed`
-- and are read as before; new rows leave `parsed` empty.
ALTER TABLE evidence ADD COLUMN packed BLOB;
