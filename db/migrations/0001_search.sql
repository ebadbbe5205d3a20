-- Full-text search over challenges (SPEC §9). The FTS5 row shares the challenge's rowid, so a
-- match joins back with a primary-key lookup; the triggers below keep it in step with
-- `challenges`, so no application code can forget to. (Rowids of a table without an INTEGER
-- PRIMARY KEY change only under VACUUM, which D1 does not expose.)
CREATE VIRTUAL TABLE `challenges_fts` USING fts5(
	`title`,
	`summary`,
	`body`,
	tokenize = 'porter unicode61 remove_diacritics 2'
);
--> statement-breakpoint
CREATE TRIGGER `challenges_fts_insert` AFTER INSERT ON `challenges` BEGIN
	INSERT INTO `challenges_fts` (`rowid`, `title`, `summary`, `body`)
	VALUES (new.`rowid`, new.`title`, new.`summary`, new.`problem` || ' ' || new.`why_it_matters`);
END;
--> statement-breakpoint
CREATE TRIGGER `challenges_fts_update` AFTER UPDATE OF `title`, `summary`, `problem`, `why_it_matters` ON `challenges` BEGIN
	DELETE FROM `challenges_fts` WHERE `rowid` = old.`rowid`;
	INSERT INTO `challenges_fts` (`rowid`, `title`, `summary`, `body`)
	VALUES (new.`rowid`, new.`title`, new.`summary`, new.`problem` || ' ' || new.`why_it_matters`);
END;
--> statement-breakpoint
CREATE TRIGGER `challenges_fts_delete` AFTER DELETE ON `challenges` BEGIN
	DELETE FROM `challenges_fts` WHERE `rowid` = old.`rowid`;
END;
