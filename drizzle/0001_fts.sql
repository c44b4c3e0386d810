-- Full-text index of sentences for the concordance: FTS5 with the trigram
-- tokenizer over the folded text (sentences.norm), kept in step by triggers.
-- Trigram matching finds any substring of three or more characters in every
-- script, which suits Chinese (no spaces) as well as inflected languages.
CREATE VIRTUAL TABLE `sentences_fts` USING fts5(norm, content='sentences', content_rowid='id', tokenize='trigram');
--> statement-breakpoint
CREATE TRIGGER `sentences_fts_insert` AFTER INSERT ON `sentences` BEGIN
  INSERT INTO sentences_fts(rowid, norm) VALUES (new.id, new.norm);
END;
--> statement-breakpoint
CREATE TRIGGER `sentences_fts_delete` AFTER DELETE ON `sentences` BEGIN
  INSERT INTO sentences_fts(sentences_fts, rowid, norm) VALUES ('delete', old.id, old.norm);
END;
--> statement-breakpoint
CREATE TRIGGER `sentences_fts_update` AFTER UPDATE OF norm ON `sentences` BEGIN
  INSERT INTO sentences_fts(sentences_fts, rowid, norm) VALUES ('delete', old.id, old.norm);
  INSERT INTO sentences_fts(rowid, norm) VALUES (new.id, new.norm);
END;
