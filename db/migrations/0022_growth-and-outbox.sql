CREATE TABLE `channel_routes` (
	`id` text PRIMARY KEY NOT NULL,
	`provider` text NOT NULL,
	`target` text NOT NULL,
	`label` text DEFAULT '' NOT NULL,
	`events` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
);
--> statement-breakpoint
CREATE INDEX `channel_routes_provider_idx` ON `channel_routes` (`provider`);--> statement-breakpoint
CREATE TABLE `deliveries` (
	`id` text PRIMARY KEY NOT NULL,
	`outbox_id` text NOT NULL,
	`channel` text NOT NULL,
	`target` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`last_error` text DEFAULT '' NOT NULL,
	`last_status_code` integer,
	`latency_ms` integer,
	`next_attempt_at` text,
	`delivered_at` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`outbox_id`) REFERENCES `outbox`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `deliveries_outbox_idx` ON `deliveries` (`outbox_id`);--> statement-breakpoint
CREATE INDEX `deliveries_target_idx` ON `deliveries` (`channel`,`target`,`created_at`);--> statement-breakpoint
CREATE INDEX `deliveries_status_idx` ON `deliveries` (`status`,`next_attempt_at`);--> statement-breakpoint
CREATE TABLE `delivery_attempts` (
	`id` text PRIMARY KEY NOT NULL,
	`delivery_id` text NOT NULL,
	`attempt` integer NOT NULL,
	`status_code` integer,
	`error` text DEFAULT '' NOT NULL,
	`latency_ms` integer,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`delivery_id`) REFERENCES `deliveries`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `delivery_attempts_unique_idx` ON `delivery_attempts` (`delivery_id`,`attempt`);--> statement-breakpoint
CREATE TABLE `endorsement_skills` (
	`endorsement_id` text NOT NULL,
	`skill` text NOT NULL,
	PRIMARY KEY(`endorsement_id`, `skill`),
	FOREIGN KEY (`endorsement_id`) REFERENCES `endorsements`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `endorsement_skills_skill_idx` ON `endorsement_skills` (`skill`);--> statement-breakpoint
CREATE TABLE `notification_pauses` (
	`person_id` text PRIMARY KEY NOT NULL,
	`until` text NOT NULL,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `notification_preferences` (
	`person_id` text NOT NULL,
	`kind` text NOT NULL,
	`email` integer DEFAULT true NOT NULL,
	`slack` integer DEFAULT true NOT NULL,
	`cadence` text NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	PRIMARY KEY(`person_id`, `kind`),
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `outbox` (
	`id` text PRIMARY KEY NOT NULL,
	`type` text NOT NULL,
	`data` text NOT NULL,
	`recipient_id` text,
	`challenge_id` text,
	`enqueued_at` text,
	`fanned_out_at` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`recipient_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`challenge_id`) REFERENCES `challenges`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `outbox_pending_idx` ON `outbox` (`created_at`) WHERE "outbox"."fanned_out_at" IS NULL;--> statement-breakpoint
CREATE INDEX `outbox_recipient_idx` ON `outbox` (`recipient_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `plan_checkins` (
	`id` text PRIMARY KEY NOT NULL,
	`plan_id` text NOT NULL,
	`author_id` text NOT NULL,
	`note` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`plan_id`) REFERENCES `progression_plans`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`author_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `plan_checkins_plan_idx` ON `plan_checkins` (`plan_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `plan_evidence` (
	`id` text PRIMARY KEY NOT NULL,
	`goal_id` text NOT NULL,
	`plan_id` text NOT NULL,
	`kind` text NOT NULL,
	`source_id` text NOT NULL,
	`added_by_id` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`goal_id`) REFERENCES `plan_goals`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`plan_id`) REFERENCES `progression_plans`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`added_by_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `plan_evidence_unique_idx` ON `plan_evidence` (`goal_id`,`kind`,`source_id`);--> statement-breakpoint
CREATE INDEX `plan_evidence_plan_idx` ON `plan_evidence` (`plan_id`);--> statement-breakpoint
CREATE TABLE `plan_goals` (
	`id` text PRIMARY KEY NOT NULL,
	`plan_id` text NOT NULL,
	`dimension_id` text NOT NULL,
	`title` text NOT NULL,
	`evidence_wanted` text DEFAULT '' NOT NULL,
	`position` integer NOT NULL,
	FOREIGN KEY (`plan_id`) REFERENCES `progression_plans`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`dimension_id`) REFERENCES `framework_dimensions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `plan_goals_plan_idx` ON `plan_goals` (`plan_id`,`position`);--> statement-breakpoint
CREATE TABLE `plan_versions` (
	`id` text PRIMARY KEY NOT NULL,
	`plan_id` text NOT NULL,
	`version` integer NOT NULL,
	`snapshot` text NOT NULL,
	`author_id` text NOT NULL,
	`person_ack_at` text,
	`manager_ack_at` text,
	`manager_ack_by_id` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`plan_id`) REFERENCES `progression_plans`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`author_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`manager_ack_by_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `plan_versions_plan_version_idx` ON `plan_versions` (`plan_id`,`version`);--> statement-breakpoint
CREATE TABLE `progression_plans` (
	`id` text PRIMARY KEY NOT NULL,
	`person_id` text NOT NULL,
	`target_kind` text NOT NULL,
	`target_level_id` text,
	`summary` text DEFAULT '' NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`next_reminder_on` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`target_level_id`) REFERENCES `levels`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `progression_plans_person_idx` ON `progression_plans` (`person_id`);--> statement-breakpoint
CREATE INDEX `progression_plans_reminder_idx` ON `progression_plans` (`next_reminder_on`);--> statement-breakpoint
CREATE TABLE `slack_users` (
	`person_id` text PRIMARY KEY NOT NULL,
	`slack_user_id` text NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `slack_users_slack_idx` ON `slack_users` (`slack_user_id`);--> statement-breakpoint
CREATE TABLE `slot_invitations` (
	`id` text PRIMARY KEY NOT NULL,
	`slot_id` text NOT NULL,
	`challenge_id` text NOT NULL,
	`person_id` text NOT NULL,
	`invited_by_id` text NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`slot_id`) REFERENCES `challenge_slots`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`challenge_id`) REFERENCES `challenges`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`invited_by_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `slot_invitations_unique_idx` ON `slot_invitations` (`slot_id`,`person_id`);--> statement-breakpoint
CREATE INDEX `slot_invitations_person_idx` ON `slot_invitations` (`person_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `webhook_endpoints` (
	`id` text PRIMARY KEY NOT NULL,
	`url` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`events` text NOT NULL,
	`secret` text NOT NULL,
	`status` text DEFAULT 'enabled' NOT NULL,
	`failing_since` text,
	`disabled_at` text,
	`created_by_id` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`created_by_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `webhook_endpoints_status_idx` ON `webhook_endpoints` (`status`);--> statement-breakpoint
ALTER TABLE `lend_requests` ADD `starts_on` text;--> statement-breakpoint
ALTER TABLE `lend_requests` ADD `ends_on` text;--> statement-breakpoint
ALTER TABLE `lend_requests` ADD `end_reminder_at` text;--> statement-breakpoint
ALTER TABLE `lend_requests` ADD `closed_kind` text;--> statement-breakpoint
ALTER TABLE `lend_requests` ADD `closed_at` text;--> statement-breakpoint
ALTER TABLE `lend_requests` ADD `recall_reason` text DEFAULT '' NOT NULL;--> statement-breakpoint
CREATE INDEX `lend_requests_ends_idx` ON `lend_requests` (`status`,`ends_on`);