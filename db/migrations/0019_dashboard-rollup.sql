CREATE TABLE `dashboard_challenge_facts` (
	`challenge_id` text PRIMARY KEY NOT NULL,
	`created_at` text NOT NULL,
	`reached` integer NOT NULL,
	`team_disciplines` integer
);
--> statement-breakpoint
CREATE TABLE `dashboard_dirty` (
	`kind` text NOT NULL,
	`id` text NOT NULL,
	PRIMARY KEY(`kind`, `id`)
);
--> statement-breakpoint
CREATE TABLE `dashboard_person_facts` (
	`person_id` text PRIMARY KEY NOT NULL,
	`discipline_id` text,
	`level_id` text,
	`participating` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `dashboard_rollup` (
	`figure` text NOT NULL,
	`day` text,
	`stage` text,
	`days` integer,
	`discipline_id` text,
	`level_id` text,
	`n` integer NOT NULL,
	`m` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE INDEX `dashboard_rollup_figure_day_idx` ON `dashboard_rollup` (`figure`,`day`);--> statement-breakpoint
CREATE TABLE `dashboard_stay_facts` (
	`challenge_id` text NOT NULL,
	`stage` text,
	`left_at` text NOT NULL,
	`days` integer
);
--> statement-breakpoint
CREATE INDEX `dashboard_stay_facts_challenge_idx` ON `dashboard_stay_facts` (`challenge_id`);--> statement-breakpoint
-- What changed since the dashboard's last refresh, kept in the same transaction as each change
-- (worker/services/dashboard.ts reads it as the live delta). Nothing is refreshed yet, so every
-- challenge and person starts out changed: the dashboard counts them all live until the first refresh.
INSERT INTO `dashboard_dirty` (`kind`, `id`) SELECT 'challenge', `id` FROM `challenges`;
--> statement-breakpoint
INSERT INTO `dashboard_dirty` (`kind`, `id`) SELECT 'person', `id` FROM `people`;
--> statement-breakpoint
CREATE TRIGGER `dashboard_dirty_challenge_insert` AFTER INSERT ON `challenges` BEGIN
	INSERT OR IGNORE INTO `dashboard_dirty` (`kind`, `id`) VALUES ('challenge', new.`id`), ('person', new.`lead_id`);
	INSERT OR IGNORE INTO `dashboard_dirty` (`kind`, `id`) SELECT 'person', new.`co_lead_id` WHERE new.`co_lead_id` IS NOT NULL;
END;
--> statement-breakpoint
CREATE TRIGGER `dashboard_dirty_challenge_update` AFTER UPDATE OF `id`, `stage`, `created_at`, `lead_id`, `co_lead_id`, `published_at` ON `challenges` BEGIN
	INSERT OR IGNORE INTO `dashboard_dirty` (`kind`, `id`)
	VALUES ('challenge', old.`id`), ('challenge', new.`id`), ('person', old.`lead_id`), ('person', new.`lead_id`);
	INSERT OR IGNORE INTO `dashboard_dirty` (`kind`, `id`)
	SELECT 'person', x.`id` FROM (SELECT old.`co_lead_id` AS `id` UNION SELECT new.`co_lead_id`) x WHERE x.`id` IS NOT NULL;
END;
--> statement-breakpoint
CREATE TRIGGER `dashboard_dirty_challenge_delete` AFTER DELETE ON `challenges` BEGIN
	INSERT OR IGNORE INTO `dashboard_dirty` (`kind`, `id`) VALUES ('challenge', old.`id`), ('person', old.`lead_id`);
	INSERT OR IGNORE INTO `dashboard_dirty` (`kind`, `id`) SELECT 'person', old.`co_lead_id` WHERE old.`co_lead_id` IS NOT NULL;
END;
--> statement-breakpoint
CREATE TRIGGER `dashboard_dirty_activity_insert` AFTER INSERT ON `activities`
WHEN new.`challenge_id` IS NOT NULL AND new.`action` IN ('created', 'published', 'funded', 'started', 'submitted', 'decided', 'withdrawn', 'merged_into', 'archived') BEGIN
	INSERT OR IGNORE INTO `dashboard_dirty` (`kind`, `id`) VALUES ('challenge', new.`challenge_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `dashboard_dirty_activity_update` AFTER UPDATE ON `activities` BEGIN
	INSERT OR IGNORE INTO `dashboard_dirty` (`kind`, `id`)
	SELECT 'challenge', x.`id` FROM (SELECT old.`challenge_id` AS `id` UNION SELECT new.`challenge_id`) x WHERE x.`id` IS NOT NULL;
END;
--> statement-breakpoint
CREATE TRIGGER `dashboard_dirty_activity_delete` AFTER DELETE ON `activities` WHEN old.`challenge_id` IS NOT NULL BEGIN
	INSERT OR IGNORE INTO `dashboard_dirty` (`kind`, `id`) VALUES ('challenge', old.`challenge_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `dashboard_dirty_membership_insert` AFTER INSERT ON `memberships` BEGIN
	INSERT OR IGNORE INTO `dashboard_dirty` (`kind`, `id`) VALUES ('challenge', new.`challenge_id`), ('person', new.`person_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `dashboard_dirty_membership_update` AFTER UPDATE OF `status`, `person_id`, `challenge_id` ON `memberships` BEGIN
	INSERT OR IGNORE INTO `dashboard_dirty` (`kind`, `id`)
	VALUES ('challenge', old.`challenge_id`), ('challenge', new.`challenge_id`), ('person', old.`person_id`), ('person', new.`person_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `dashboard_dirty_membership_delete` AFTER DELETE ON `memberships` BEGIN
	INSERT OR IGNORE INTO `dashboard_dirty` (`kind`, `id`) VALUES ('challenge', old.`challenge_id`), ('person', old.`person_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `dashboard_dirty_person_insert` AFTER INSERT ON `people` BEGIN
	INSERT OR IGNORE INTO `dashboard_dirty` (`kind`, `id`) VALUES ('person', new.`id`);
END;
--> statement-breakpoint
CREATE TRIGGER `dashboard_dirty_person_update` AFTER UPDATE OF `id`, `discipline_id`, `level_id`, `track`, `active` ON `people` BEGIN
	INSERT OR IGNORE INTO `dashboard_dirty` (`kind`, `id`) VALUES ('person', old.`id`), ('person', new.`id`);
END;
--> statement-breakpoint
CREATE TRIGGER `dashboard_dirty_person_delete` AFTER DELETE ON `people` BEGIN
	INSERT OR IGNORE INTO `dashboard_dirty` (`kind`, `id`) VALUES ('person', old.`id`);
END;
