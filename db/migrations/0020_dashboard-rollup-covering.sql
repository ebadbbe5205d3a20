DROP INDEX `dashboard_rollup_figure_day_idx`;--> statement-breakpoint
CREATE INDEX `dashboard_rollup_figure_day_idx` ON `dashboard_rollup` (`figure`,`day`,`stage`,`days`,`n`);