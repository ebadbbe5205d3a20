ALTER TABLE `comments` ADD `edited_at` text;--> statement-breakpoint
ALTER TABLE `comments` ADD `removed_at` text;--> statement-breakpoint
ALTER TABLE `updates` ADD `edited_at` text;--> statement-breakpoint
ALTER TABLE `updates` ADD `removed_at` text;