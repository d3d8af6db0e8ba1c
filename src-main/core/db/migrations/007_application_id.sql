-- Marks the file as Sextant's in the SQLite header ("Sxt1"), so opening another program's SQLite
-- file refuses it instead of migrating it (persistence.ts `foreignDatabase`).
PRAGMA application_id = 1400402993;
