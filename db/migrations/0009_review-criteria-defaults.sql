-- Default review criteria (SPEC §6): weights in percent, summing to 100; admins change them.
INSERT INTO `review_criteria` (`id`, `name`, `description`, `weight`, `position`) VALUES
	('impact', 'Impact', 'How far the KPIs moved against their targets, and for whom.', 30, 1),
	('evidence', 'Evidence', 'How well the results are measured and shown.', 20, 2),
	('scalability', 'Scalability', 'Whether the result can grow beyond this team and cycle.', 20, 3),
	('learning', 'Learning', 'What the team and the company learned, including from what failed.', 15, 4),
	('collaboration', 'Collaboration', 'How well disciplines and teams worked together.', 15, 5);
