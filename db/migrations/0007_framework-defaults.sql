-- The career framework's default dimensions for impact packets (SPEC §7), after public IC
-- frameworks; admins change them later. Each lists the contribution types that evidence it
-- (worker/domain/credit.ts DEFAULT_DIMENSIONS says the same).
INSERT INTO `framework_dimensions` (`id`, `name`, `description`, `position`, `contribution_types`) VALUES
	('scope', 'Scope', 'The size and ambiguity of the problems taken on, and the direction set for them.', 1,
		'["conceptualization","methodology","project_administration","funding_acquisition"]'),
	('collaborative_reach', 'Collaborative reach', 'How far across disciplines and teams the work reached.', 2,
		'["resources","writing","visualization"]'),
	('impact_levers', 'Impact levers', 'The hands-on work that moved the challenge''s measurable goals.', 3,
		'["investigation","software","design","data_curation","formal_analysis","validation","other"]'),
	('mentoring', 'Mentoring', 'Growing others: supervision, mentoring and lending people to hub work.', 4,
		'["supervision_mentoring"]');
