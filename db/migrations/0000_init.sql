CREATE TABLE `activities` (
	`id` text PRIMARY KEY NOT NULL,
	`challenge_id` text,
	`actor_id` text,
	`action` text NOT NULL,
	`detail` text DEFAULT '{}' NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`challenge_id`) REFERENCES `challenges`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`actor_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `activities_challenge_idx` ON `activities` (`challenge_id`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `activities_actor_idx` ON `activities` (`actor_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `backings` (
	`challenge_id` text NOT NULL,
	`person_id` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	PRIMARY KEY(`challenge_id`, `person_id`),
	FOREIGN KEY (`challenge_id`) REFERENCES `challenges`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `backings_person_idx` ON `backings` (`person_id`);--> statement-breakpoint
CREATE TABLE `challenge_kpis` (
	`id` text PRIMARY KEY NOT NULL,
	`challenge_id` text NOT NULL,
	`position` integer NOT NULL,
	`name` text NOT NULL,
	`unit` text NOT NULL,
	`direction` text NOT NULL,
	`baseline` real NOT NULL,
	`target` real NOT NULL,
	FOREIGN KEY (`challenge_id`) REFERENCES `challenges`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `challenge_kpis_challenge_idx` ON `challenge_kpis` (`challenge_id`,`position`);--> statement-breakpoint
CREATE TABLE `challenge_slots` (
	`id` text PRIMARY KEY NOT NULL,
	`challenge_id` text NOT NULL,
	`position` integer NOT NULL,
	`discipline_id` text NOT NULL,
	`count` integer NOT NULL,
	`filled` integer DEFAULT 0 NOT NULL,
	`skills` text DEFAULT '[]' NOT NULL,
	`commitment_percent` integer NOT NULL,
	`required` integer DEFAULT false NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	FOREIGN KEY (`challenge_id`) REFERENCES `challenges`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`discipline_id`) REFERENCES `disciplines`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "challenge_slots_filled_check" CHECK("challenge_slots"."filled" >= 0 AND "challenge_slots"."filled" <= "challenge_slots"."count")
);
--> statement-breakpoint
CREATE INDEX `challenge_slots_challenge_idx` ON `challenge_slots` (`challenge_id`,`position`);--> statement-breakpoint
CREATE INDEX `challenge_slots_discipline_idx` ON `challenge_slots` (`discipline_id`,`status`,`challenge_id`);--> statement-breakpoint
CREATE TABLE `challenge_tags` (
	`challenge_id` text NOT NULL,
	`tag` text NOT NULL,
	PRIMARY KEY(`challenge_id`, `tag`),
	FOREIGN KEY (`challenge_id`) REFERENCES `challenges`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `challenge_tags_tag_idx` ON `challenge_tags` (`tag`,`challenge_id`);--> statement-breakpoint
CREATE TABLE `challenges` (
	`id` text PRIMARY KEY NOT NULL,
	`title` text NOT NULL,
	`summary` text DEFAULT '' NOT NULL,
	`problem` text DEFAULT '' NOT NULL,
	`why_it_matters` text DEFAULT '' NOT NULL,
	`constraints` text DEFAULT '' NOT NULL,
	`out_of_scope` text DEFAULT '' NOT NULL,
	`assistance_needed` text DEFAULT '' NOT NULL,
	`horizon_weeks` integer,
	`funding_ask` integer,
	`funding_breakdown` text DEFAULT '' NOT NULL,
	`stage` text DEFAULT 'draft' NOT NULL,
	`cycle` integer DEFAULT 1 NOT NULL,
	`lead_id` text NOT NULL,
	`co_lead_id` text,
	`backer_count` integer DEFAULT 0 NOT NULL,
	`comment_count` integer DEFAULT 0 NOT NULL,
	`listed_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`published_at` text,
	`stage_changed_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`lead_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`co_lead_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `challenges_stage_listed_idx` ON `challenges` (`stage`,`listed_at`,`id`);--> statement-breakpoint
CREATE INDEX `challenges_stage_backers_idx` ON `challenges` (`stage`,`backer_count`,`id`);--> statement-breakpoint
CREATE INDEX `challenges_lead_idx` ON `challenges` (`lead_id`);--> statement-breakpoint
CREATE INDEX `challenges_co_lead_idx` ON `challenges` (`co_lead_id`);--> statement-breakpoint
CREATE TABLE `comments` (
	`id` text PRIMARY KEY NOT NULL,
	`challenge_id` text NOT NULL,
	`author_id` text NOT NULL,
	`body` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`challenge_id`) REFERENCES `challenges`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`author_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `comments_challenge_idx` ON `comments` (`challenge_id`,`created_at`,`id`);--> statement-breakpoint
CREATE TABLE `disciplines` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`position` integer DEFAULT 0 NOT NULL,
	`active` integer DEFAULT true NOT NULL
);
--> statement-breakpoint
CREATE TABLE `levels` (
	`id` text PRIMARY KEY NOT NULL,
	`track` text NOT NULL,
	`rank` integer NOT NULL,
	`name` text NOT NULL,
	`summary` text DEFAULT '' NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `levels_track_rank_idx` ON `levels` (`track`,`rank`);--> statement-breakpoint
CREATE TABLE `org_settings` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`currency` text DEFAULT 'USD' NOT NULL,
	`commitment_cap_percent` integer DEFAULT 100 NOT NULL,
	`response_deadline_days` integer DEFAULT 14 NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
);
--> statement-breakpoint
CREATE TABLE `people` (
	`id` text PRIMARY KEY NOT NULL,
	`email` text NOT NULL,
	`name` text NOT NULL,
	`title` text DEFAULT '' NOT NULL,
	`discipline_id` text,
	`track` text DEFAULT 'ic' NOT NULL,
	`level_id` text,
	`manager_id` text,
	`skills` text DEFAULT '[]' NOT NULL,
	`bio` text DEFAULT '' NOT NULL,
	`avatar_url` text,
	`active` integer DEFAULT true NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`discipline_id`) REFERENCES `disciplines`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`level_id`) REFERENCES `levels`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`manager_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `people_email_idx` ON `people` (`email`);--> statement-breakpoint
CREATE INDEX `people_name_idx` ON `people` (`name`,`id`);--> statement-breakpoint
CREATE INDEX `people_discipline_name_idx` ON `people` (`discipline_id`,`name`,`id`);--> statement-breakpoint
CREATE INDEX `people_manager_idx` ON `people` (`manager_id`);--> statement-breakpoint
CREATE TABLE `person_roles` (
	`person_id` text NOT NULL,
	`role` text NOT NULL,
	PRIMARY KEY(`person_id`, `role`),
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `person_roles_role_idx` ON `person_roles` (`role`);