CREATE TABLE `mentions` (
	`item_id` text NOT NULL,
	`handle` text NOT NULL,
	`person_id` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	PRIMARY KEY(`item_id`, `handle`),
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `mentions_item_person_idx` ON `mentions` (`item_id`,`person_id`);