CREATE TABLE `department_mappings` (
	`department` text PRIMARY KEY NOT NULL,
	`discipline_id` text NOT NULL,
	FOREIGN KEY (`discipline_id`) REFERENCES `disciplines`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `scim_group_members` (
	`group_id` text NOT NULL,
	`person_id` text NOT NULL,
	PRIMARY KEY(`group_id`, `person_id`),
	FOREIGN KEY (`group_id`) REFERENCES `scim_groups`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `scim_group_members_person_idx` ON `scim_group_members` (`person_id`);--> statement-breakpoint
CREATE TABLE `scim_groups` (
	`id` text PRIMARY KEY NOT NULL,
	`display_name` text NOT NULL,
	`external_id` text,
	`role` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `scim_groups_name_idx` ON `scim_groups` (lower("display_name"));--> statement-breakpoint
CREATE TABLE `scim_tokens` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`token_hash` text NOT NULL,
	`prefix` text NOT NULL,
	`created_by_id` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`last_used_at` text,
	`revoked_at` text,
	FOREIGN KEY (`created_by_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `scim_tokens_hash_idx` ON `scim_tokens` (`token_hash`);--> statement-breakpoint
ALTER TABLE `people` ADD `external_id` text;--> statement-breakpoint
ALTER TABLE `people` ADD `given_name` text;--> statement-breakpoint
ALTER TABLE `people` ADD `family_name` text;--> statement-breakpoint
ALTER TABLE `people` ADD `department` text;--> statement-breakpoint
CREATE UNIQUE INDEX `people_external_id_idx` ON `people` (`external_id`);--> statement-breakpoint
CREATE INDEX `people_department_idx` ON `people` (`department`);