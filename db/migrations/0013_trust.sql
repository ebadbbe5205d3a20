CREATE TABLE `sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`token_hash` text NOT NULL,
	`person_id` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`last_used_at` text NOT NULL,
	`expires_at` text NOT NULL,
	`absolute_expires_at` text NOT NULL,
	`user_agent` text DEFAULT '' NOT NULL,
	`ip` text,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sessions_token_hash_idx` ON `sessions` (`token_hash`);--> statement-breakpoint
CREATE INDEX `sessions_person_idx` ON `sessions` (`person_id`);--> statement-breakpoint
ALTER TABLE `activities` ADD `ip` text;--> statement-breakpoint
ALTER TABLE `activities` ADD `user_agent` text;--> statement-breakpoint
ALTER TABLE `api_tokens` ADD `scope` text DEFAULT 'read write' NOT NULL;--> statement-breakpoint
-- Tokens now always expire (SPEC §12: at most a year). Those issued without an expiry get the default 90 days from today.
UPDATE `api_tokens` SET `expires_at` = strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '+90 days') WHERE `expires_at` IS NULL AND `revoked_at` IS NULL;
