-- The full-text index also holds each sentence's language, as a marker in
-- front of its folded text: char(1) || lang || char(1) (folding removes
-- control characters from texts and queries, so the marker's trigrams occur
-- nowhere else). A search in one language then asks FTS5 for
-- `"<char(1) || lang>" AND "<query>"` (the marker's first trigram), which skips the rows of the other languages
-- inside the index instead of reading each candidate row to check its
-- language: a string common in English but searched in French stays fast.
DROP TRIGGER IF EXISTS `sentences_fts_insert`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `sentences_fts_delete`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `sentences_fts_update`;
--> statement-breakpoint
DROP TABLE IF EXISTS `sentences_fts`;
--> statement-breakpoint
CREATE VIRTUAL TABLE `sentences_fts` USING fts5(norm, content='sentences', content_rowid='id', tokenize='trigram');
--> statement-breakpoint
INSERT INTO sentences_fts(rowid, norm) SELECT id, char(1) || lang || char(1) || norm FROM sentences;
--> statement-breakpoint
CREATE TRIGGER `sentences_fts_insert` AFTER INSERT ON `sentences` BEGIN
  INSERT INTO sentences_fts(rowid, norm) VALUES (new.id, char(1) || new.lang || char(1) || new.norm);
END;
--> statement-breakpoint
CREATE TRIGGER `sentences_fts_delete` AFTER DELETE ON `sentences` BEGIN
  INSERT INTO sentences_fts(sentences_fts, rowid, norm) VALUES ('delete', old.id, char(1) || old.lang || char(1) || old.norm);
END;
--> statement-breakpoint
CREATE TRIGGER `sentences_fts_update` AFTER UPDATE OF norm, lang ON `sentences` BEGIN
  INSERT INTO sentences_fts(sentences_fts, rowid, norm) VALUES ('delete', old.id, char(1) || old.lang || char(1) || old.norm);
  INSERT INTO sentences_fts(rowid, norm) VALUES (new.id, char(1) || new.lang || char(1) || new.norm);
END;
