-- D1 keeps foreign keys on; it defers their checks to the end of the migration instead.
PRAGMA defer_foreign_keys = true;--> statement-breakpoint
CREATE TABLE `__new_plan_goals` (
	`id` text PRIMARY KEY NOT NULL,
	`plan_id` text NOT NULL,
	`dimension_id` text NOT NULL,
	`title` text NOT NULL,
	`evidence_wanted` text DEFAULT '' NOT NULL,
	`position` integer NOT NULL,
	FOREIGN KEY (`plan_id`) REFERENCES `progression_plans`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
INSERT INTO `__new_plan_goals`("id", "plan_id", "dimension_id", "title", "evidence_wanted", "position") SELECT "id", "plan_id", "dimension_id", "title", "evidence_wanted", "position" FROM `plan_goals`;--> statement-breakpoint
DROP TABLE `plan_goals`;--> statement-breakpoint
ALTER TABLE `__new_plan_goals` RENAME TO `plan_goals`;--> statement-breakpoint

CREATE INDEX `plan_goals_plan_idx` ON `plan_goals` (`plan_id`,`position`);