-- Defaults every organisation starts with (SPEC §2, §5, §6, §8). Admins change them later.
INSERT INTO `org_settings` (`id`, `name`, `currency`, `commitment_cap_percent`, `response_deadline_days`)
VALUES ('org', 'Crux', 'USD', 100, 14);
--> statement-breakpoint
INSERT INTO `disciplines` (`id`, `name`, `position`) VALUES
	('engineering', 'Engineering', 1),
	('design', 'Design', 2),
	('product', 'Product', 3),
	('data', 'Data', 4),
	('research', 'Research', 5),
	('marketing', 'Marketing', 6),
	('sales', 'Sales', 7),
	('operations', 'Operations', 8),
	('finance', 'Finance', 9),
	('legal', 'Legal', 10),
	('people', 'People', 11);
--> statement-breakpoint
INSERT INTO `levels` (`id`, `track`, `rank`, `name`, `summary`) VALUES
	('IC1', 'ic', 1, 'IC1 · Associate', 'Learns the craft on well-defined tasks.'),
	('IC2', 'ic', 2, 'IC2 · Practitioner', 'Delivers features with guidance.'),
	('IC3', 'ic', 3, 'IC3 · Senior', 'Owns projects end to end within a team.'),
	('IC4', 'ic', 4, 'IC4 · Staff', 'Leads work that spans several teams.'),
	('IC5', 'ic', 5, 'IC5 · Senior Staff', 'Sets direction for an area; multiplies others.'),
	('IC6', 'ic', 6, 'IC6 · Principal', 'Shapes strategy across the organisation.'),
	('IC7', 'ic', 7, 'IC7 · Distinguished', 'Changes how the company and the industry work.'),
	('M1', 'management', 1, 'M1 · Team Lead', 'Leads a small team while still building.'),
	('M2', 'management', 2, 'M2 · Manager', 'Manages a team and its delivery.'),
	('M3', 'management', 3, 'M3 · Senior Manager', 'Manages managers or several teams.'),
	('M4', 'management', 4, 'M4 · Director', 'Runs a function or product area.'),
	('M5', 'management', 5, 'M5 · Senior Director', 'Runs several areas.'),
	('M6', 'management', 6, 'M6 · VP', 'Leads a division.');
