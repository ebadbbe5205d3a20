CREATE TABLE `applications` (
	`id` text PRIMARY KEY NOT NULL,
	`challenge_id` text NOT NULL,
	`slot_id` text NOT NULL,
	`applicant_id` text NOT NULL,
	`pitch` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`decided_by_id` text,
	`decision_note` text DEFAULT '' NOT NULL,
	`decided_at` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`challenge_id`) REFERENCES `challenges`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`slot_id`) REFERENCES `challenge_slots`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`applicant_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`decided_by_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `applications_challenge_idx` ON `applications` (`challenge_id`,`status`,`created_at`);--> statement-breakpoint
CREATE INDEX `applications_applicant_idx` ON `applications` (`applicant_id`,`created_at`);--> statement-breakpoint
CREATE UNIQUE INDEX `applications_live_idx` ON `applications` (`slot_id`,`applicant_id`) WHERE "applications"."status" IN ('pending', 'accepted');--> statement-breakpoint
CREATE TABLE `lend_requests` (
	`id` text PRIMARY KEY NOT NULL,
	`membership_id` text NOT NULL,
	`challenge_id` text NOT NULL,
	`person_id` text NOT NULL,
	`manager_id` text NOT NULL,
	`share_percent` integer NOT NULL,
	`duration_weeks` integer,
	`status` text DEFAULT 'pending' NOT NULL,
	`reason` text DEFAULT '' NOT NULL,
	`decided_at` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`membership_id`) REFERENCES `memberships`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`challenge_id`) REFERENCES `challenges`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`manager_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `lend_requests_manager_idx` ON `lend_requests` (`manager_id`,`status`,`created_at`);--> statement-breakpoint
CREATE INDEX `lend_requests_membership_idx` ON `lend_requests` (`membership_id`);--> statement-breakpoint
CREATE TABLE `memberships` (
	`id` text PRIMARY KEY NOT NULL,
	`challenge_id` text NOT NULL,
	`slot_id` text NOT NULL,
	`person_id` text NOT NULL,
	`application_id` text,
	`commitment_percent` integer NOT NULL,
	`status` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`ended_at` text,
	FOREIGN KEY (`challenge_id`) REFERENCES `challenges`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`slot_id`) REFERENCES `challenge_slots`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`application_id`) REFERENCES `applications`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `memberships_challenge_idx` ON `memberships` (`challenge_id`,`status`);--> statement-breakpoint
CREATE INDEX `memberships_person_idx` ON `memberships` (`person_id`,`status`);--> statement-breakpoint
CREATE INDEX `memberships_slot_idx` ON `memberships` (`slot_id`,`status`);--> statement-breakpoint
CREATE UNIQUE INDEX `memberships_live_idx` ON `memberships` (`challenge_id`,`person_id`) WHERE "memberships"."status" IN ('pending_lend', 'active');--> statement-breakpoint
CREATE TABLE `notifications` (
	`id` text PRIMARY KEY NOT NULL,
	`recipient_id` text NOT NULL,
	`kind` text NOT NULL,
	`challenge_id` text,
	`actor_id` text,
	`data` text DEFAULT '{}' NOT NULL,
	`read_at` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`recipient_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`challenge_id`) REFERENCES `challenges`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`actor_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `notifications_recipient_idx` ON `notifications` (`recipient_id`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `notifications_unread_idx` ON `notifications` (`recipient_id`) WHERE "notifications"."read_at" IS NULL;