-- A trigger's INSERT OR IGNORE gives way to the outer statement's conflict handling: an upsert
-- (the people import's INSERT … ON CONFLICT DO UPDATE) then failed on a row already marked dirty.
-- The upsert form inside the trigger keeps its own DO NOTHING whatever the outer statement says.
DROP TRIGGER `dashboard_dirty_challenge_insert`;
--> statement-breakpoint
CREATE TRIGGER `dashboard_dirty_challenge_insert` AFTER INSERT ON `challenges` BEGIN
	INSERT INTO `dashboard_dirty` (`kind`, `id`) VALUES ('challenge', new.`id`), ('person', new.`lead_id`) ON CONFLICT DO NOTHING;
	INSERT INTO `dashboard_dirty` (`kind`, `id`) SELECT 'person', new.`co_lead_id` WHERE new.`co_lead_id` IS NOT NULL ON CONFLICT DO NOTHING;
END;
--> statement-breakpoint
DROP TRIGGER `dashboard_dirty_challenge_update`;
--> statement-breakpoint
CREATE TRIGGER `dashboard_dirty_challenge_update` AFTER UPDATE OF `id`, `stage`, `created_at`, `lead_id`, `co_lead_id`, `published_at` ON `challenges` BEGIN
	INSERT INTO `dashboard_dirty` (`kind`, `id`)
	VALUES ('challenge', old.`id`), ('challenge', new.`id`), ('person', old.`lead_id`), ('person', new.`lead_id`) ON CONFLICT DO NOTHING;
	INSERT INTO `dashboard_dirty` (`kind`, `id`)
	SELECT 'person', x.`id` FROM (SELECT old.`co_lead_id` AS `id` UNION SELECT new.`co_lead_id`) x WHERE x.`id` IS NOT NULL ON CONFLICT DO NOTHING;
END;
--> statement-breakpoint
DROP TRIGGER `dashboard_dirty_challenge_delete`;
--> statement-breakpoint
CREATE TRIGGER `dashboard_dirty_challenge_delete` AFTER DELETE ON `challenges` BEGIN
	INSERT INTO `dashboard_dirty` (`kind`, `id`) VALUES ('challenge', old.`id`), ('person', old.`lead_id`) ON CONFLICT DO NOTHING;
	INSERT INTO `dashboard_dirty` (`kind`, `id`) SELECT 'person', old.`co_lead_id` WHERE old.`co_lead_id` IS NOT NULL ON CONFLICT DO NOTHING;
END;
--> statement-breakpoint
DROP TRIGGER `dashboard_dirty_activity_insert`;
--> statement-breakpoint
CREATE TRIGGER `dashboard_dirty_activity_insert` AFTER INSERT ON `activities`
WHEN new.`challenge_id` IS NOT NULL AND new.`action` IN ('created', 'published', 'funded', 'started', 'submitted', 'decided', 'withdrawn', 'merged_into', 'archived') BEGIN
	INSERT INTO `dashboard_dirty` (`kind`, `id`) VALUES ('challenge', new.`challenge_id`) ON CONFLICT DO NOTHING;
END;
--> statement-breakpoint
DROP TRIGGER `dashboard_dirty_activity_update`;
--> statement-breakpoint
CREATE TRIGGER `dashboard_dirty_activity_update` AFTER UPDATE ON `activities` BEGIN
	INSERT INTO `dashboard_dirty` (`kind`, `id`)
	SELECT 'challenge', x.`id` FROM (SELECT old.`challenge_id` AS `id` UNION SELECT new.`challenge_id`) x WHERE x.`id` IS NOT NULL ON CONFLICT DO NOTHING;
END;
--> statement-breakpoint
DROP TRIGGER `dashboard_dirty_activity_delete`;
--> statement-breakpoint
CREATE TRIGGER `dashboard_dirty_activity_delete` AFTER DELETE ON `activities` WHEN old.`challenge_id` IS NOT NULL BEGIN
	INSERT INTO `dashboard_dirty` (`kind`, `id`) VALUES ('challenge', old.`challenge_id`) ON CONFLICT DO NOTHING;
END;
--> statement-breakpoint
DROP TRIGGER `dashboard_dirty_membership_insert`;
--> statement-breakpoint
CREATE TRIGGER `dashboard_dirty_membership_insert` AFTER INSERT ON `memberships` BEGIN
	INSERT INTO `dashboard_dirty` (`kind`, `id`) VALUES ('challenge', new.`challenge_id`), ('person', new.`person_id`) ON CONFLICT DO NOTHING;
END;
--> statement-breakpoint
DROP TRIGGER `dashboard_dirty_membership_update`;
--> statement-breakpoint
CREATE TRIGGER `dashboard_dirty_membership_update` AFTER UPDATE OF `status`, `person_id`, `challenge_id` ON `memberships` BEGIN
	INSERT INTO `dashboard_dirty` (`kind`, `id`)
	VALUES ('challenge', old.`challenge_id`), ('challenge', new.`challenge_id`), ('person', old.`person_id`), ('person', new.`person_id`) ON CONFLICT DO NOTHING;
END;
--> statement-breakpoint
DROP TRIGGER `dashboard_dirty_membership_delete`;
--> statement-breakpoint
CREATE TRIGGER `dashboard_dirty_membership_delete` AFTER DELETE ON `memberships` BEGIN
	INSERT INTO `dashboard_dirty` (`kind`, `id`) VALUES ('challenge', old.`challenge_id`), ('person', old.`person_id`) ON CONFLICT DO NOTHING;
END;
--> statement-breakpoint
DROP TRIGGER `dashboard_dirty_person_insert`;
--> statement-breakpoint
CREATE TRIGGER `dashboard_dirty_person_insert` AFTER INSERT ON `people` BEGIN
	INSERT INTO `dashboard_dirty` (`kind`, `id`) VALUES ('person', new.`id`) ON CONFLICT DO NOTHING;
END;
--> statement-breakpoint
DROP TRIGGER `dashboard_dirty_person_update`;
--> statement-breakpoint
CREATE TRIGGER `dashboard_dirty_person_update` AFTER UPDATE OF `id`, `discipline_id`, `level_id`, `track`, `active` ON `people` BEGIN
	INSERT INTO `dashboard_dirty` (`kind`, `id`) VALUES ('person', old.`id`), ('person', new.`id`) ON CONFLICT DO NOTHING;
END;
--> statement-breakpoint
DROP TRIGGER `dashboard_dirty_person_delete`;
--> statement-breakpoint
CREATE TRIGGER `dashboard_dirty_person_delete` AFTER DELETE ON `people` BEGIN
	INSERT INTO `dashboard_dirty` (`kind`, `id`) VALUES ('person', old.`id`) ON CONFLICT DO NOTHING;
END;
