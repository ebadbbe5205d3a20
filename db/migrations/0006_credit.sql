CREATE TABLE `contributions` (
	`id` text PRIMARY KEY NOT NULL,
	`challenge_id` text NOT NULL,
	`person_id` text NOT NULL,
	`recorded_by_id` text NOT NULL,
	`type` text NOT NULL,
	`description` text NOT NULL,
	`hours` real,
	`status` text NOT NULL,
	`decline_reason` text DEFAULT '' NOT NULL,
	`retracted_by_id` text,
	`retract_reason` text DEFAULT '' NOT NULL,
	`confirmed_at` text,
	`ended_at` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`challenge_id`) REFERENCES `challenges`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`recorded_by_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`retracted_by_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `contributions_person_idx` ON `contributions` (`person_id`,`status`,`created_at`);--> statement-breakpoint
CREATE INDEX `contributions_challenge_idx` ON `contributions` (`challenge_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `contributions_confirmed_idx` ON `contributions` (`status`,`confirmed_at`);--> statement-breakpoint
CREATE TABLE `endorsements` (
	`id` text PRIMARY KEY NOT NULL,
	`contribution_id` text NOT NULL,
	`endorser_id` text NOT NULL,
	`note` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`contribution_id`) REFERENCES `contributions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`endorser_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `endorsements_unique_idx` ON `endorsements` (`contribution_id`,`endorser_id`);--> statement-breakpoint
CREATE INDEX `endorsements_endorser_idx` ON `endorsements` (`endorser_id`);--> statement-breakpoint
CREATE TABLE `framework_dimensions` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`position` integer DEFAULT 0 NOT NULL,
	`contribution_types` text DEFAULT '[]' NOT NULL
);
--> statement-breakpoint
CREATE TABLE `kpi_checkins` (
	`id` text PRIMARY KEY NOT NULL,
	`update_id` text NOT NULL,
	`challenge_id` text NOT NULL,
	`kpi_id` text NOT NULL,
	`value` real NOT NULL,
	`measured_on` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`update_id`) REFERENCES `updates`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`challenge_id`) REFERENCES `challenges`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`kpi_id`) REFERENCES `challenge_kpis`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `kpi_checkins_kpi_idx` ON `kpi_checkins` (`kpi_id`,`measured_on`);--> statement-breakpoint
CREATE INDEX `kpi_checkins_challenge_idx` ON `kpi_checkins` (`challenge_id`);--> statement-breakpoint
CREATE TABLE `kudos` (
	`id` text PRIMARY KEY NOT NULL,
	`challenge_id` text NOT NULL,
	`from_id` text NOT NULL,
	`to_id` text NOT NULL,
	`message` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`challenge_id`) REFERENCES `challenges`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`from_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`to_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `kudos_to_idx` ON `kudos` (`to_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `kudos_from_idx` ON `kudos` (`from_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `milestones` (
	`id` text PRIMARY KEY NOT NULL,
	`challenge_id` text NOT NULL,
	`title` text NOT NULL,
	`due_on` text NOT NULL,
	`status` text DEFAULT 'planned' NOT NULL,
	`slip_reason` text DEFAULT '' NOT NULL,
	`created_by_id` text NOT NULL,
	`done_at` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`challenge_id`) REFERENCES `challenges`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `milestones_challenge_idx` ON `milestones` (`challenge_id`,`due_on`);--> statement-breakpoint
CREATE TABLE `updates` (
	`id` text PRIMARY KEY NOT NULL,
	`challenge_id` text NOT NULL,
	`author_id` text NOT NULL,
	`body` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`challenge_id`) REFERENCES `challenges`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`author_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `updates_challenge_idx` ON `updates` (`challenge_id`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `updates_created_idx` ON `updates` (`created_at`);