CREATE TABLE `budget_periods` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`starts_on` text NOT NULL,
	`ends_on` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `budget_periods_name_idx` ON `budget_periods` (`name`);--> statement-breakpoint
CREATE INDEX `budget_periods_starts_idx` ON `budget_periods` (`starts_on`);--> statement-breakpoint
CREATE TABLE `budgets` (
	`id` text PRIMARY KEY NOT NULL,
	`period_id` text NOT NULL,
	`sponsor_id` text NOT NULL,
	`remaining` integer DEFAULT 0 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`period_id`) REFERENCES `budget_periods`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`sponsor_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "budgets_remaining_check" CHECK("budgets"."remaining" >= 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `budgets_period_sponsor_idx` ON `budgets` (`period_id`,`sponsor_id`);--> statement-breakpoint
CREATE INDEX `budgets_sponsor_idx` ON `budgets` (`sponsor_id`);--> statement-breakpoint
CREATE TABLE `idempotency_keys` (
	`person_id` text NOT NULL,
	`key` text NOT NULL,
	`request_hash` text NOT NULL,
	`status` integer,
	`response_body` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	PRIMARY KEY(`person_id`, `key`)
);
--> statement-breakpoint
CREATE INDEX `idempotency_keys_created_idx` ON `idempotency_keys` (`created_at`);--> statement-breakpoint
CREATE TABLE `ledger_entries` (
	`id` text PRIMARY KEY NOT NULL,
	`type` text NOT NULL,
	`budget_id` text,
	`challenge_id` text,
	`pledge_id` text,
	`spend_report_id` text,
	`amount` integer NOT NULL,
	`actor_id` text,
	`approved_by_id` text,
	`memo` text DEFAULT '' NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`budget_id`) REFERENCES `budgets`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`challenge_id`) REFERENCES `challenges`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`pledge_id`) REFERENCES `pledges`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`spend_report_id`) REFERENCES `spend_reports`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`actor_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`approved_by_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `ledger_budget_idx` ON `ledger_entries` (`budget_id`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `ledger_challenge_idx` ON `ledger_entries` (`challenge_id`,`created_at`,`id`);--> statement-breakpoint
CREATE TABLE `pledges` (
	`id` text PRIMARY KEY NOT NULL,
	`challenge_id` text NOT NULL,
	`budget_id` text NOT NULL,
	`sponsor_id` text NOT NULL,
	`amount` integer NOT NULL,
	`status` text DEFAULT 'active' NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`ended_at` text,
	FOREIGN KEY (`challenge_id`) REFERENCES `challenges`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`budget_id`) REFERENCES `budgets`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`sponsor_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "pledges_amount_check" CHECK("pledges"."amount" >= 0)
);
--> statement-breakpoint
CREATE INDEX `pledges_challenge_idx` ON `pledges` (`challenge_id`,`status`);--> statement-breakpoint
CREATE INDEX `pledges_budget_idx` ON `pledges` (`budget_id`);--> statement-breakpoint
CREATE INDEX `pledges_sponsor_idx` ON `pledges` (`sponsor_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `spend_reports` (
	`id` text PRIMARY KEY NOT NULL,
	`challenge_id` text NOT NULL,
	`reporter_id` text NOT NULL,
	`amount` integer NOT NULL,
	`description` text NOT NULL,
	`spent_on` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`decided_by_id` text,
	`decision_note` text DEFAULT '' NOT NULL,
	`decided_at` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`challenge_id`) REFERENCES `challenges`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`reporter_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`decided_by_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "spend_reports_amount_check" CHECK("spend_reports"."amount" > 0)
);
--> statement-breakpoint
CREATE INDEX `spend_reports_challenge_idx` ON `spend_reports` (`challenge_id`,`created_at`);