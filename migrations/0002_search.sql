-- Full-text search over every text field. This is the one SQLite-specific table (FTS5); on
-- PostgreSQL it becomes a tsvector column with a GIN index behind the same search module.
-- rowid is the ADR number. Prefix indexes of 3 and 4 characters keep search-as-you-type
-- fast: a short prefix otherwise expands to hundreds of words.
CREATE VIRTUAL TABLE adr_search USING fts5 (
    title,
    body,
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '3 4'
);
