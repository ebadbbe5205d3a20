CREATE INDEX `challenges_listed_idx` ON `challenges` (`listed_at`,`id`);--> statement-breakpoint
CREATE INDEX `challenges_backers_idx` ON `challenges` (`backer_count`,`id`);