-- Analytics get a source dimension (phone | test). Existing rows were counted before test calls
-- were told apart: the draft's (version 0) can only be test calls, every other row stays 'phone'.
-- (Hand-edited after drizzle-kit generate: it selected the new column from the old table.)
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_analytics_counters` (
	`tenant_id` text NOT NULL,
	`flow_id` text NOT NULL,
	`flow_version` integer NOT NULL,
	`source` text DEFAULT 'phone' NOT NULL,
	`day` text NOT NULL,
	`node_id` text NOT NULL,
	`metric` text NOT NULL,
	`key` text NOT NULL,
	`count` integer NOT NULL,
	PRIMARY KEY(`tenant_id`, `flow_id`, `flow_version`, `source`, `day`, `node_id`, `metric`, `key`),
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
INSERT INTO `__new_analytics_counters`("tenant_id", "flow_id", "flow_version", "source", "day", "node_id", "metric", "key", "count") SELECT "tenant_id", "flow_id", "flow_version", CASE WHEN "flow_version" = 0 THEN 'test' ELSE 'phone' END, "day", "node_id", "metric", "key", "count" FROM `analytics_counters`;--> statement-breakpoint
DROP TABLE `analytics_counters`;--> statement-breakpoint
ALTER TABLE `__new_analytics_counters` RENAME TO `analytics_counters`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE INDEX `analytics_counters_day` ON `analytics_counters` (`day`);--> statement-breakpoint
CREATE TABLE `__new_analytics_days` (
	`tenant_id` text NOT NULL,
	`flow_id` text NOT NULL,
	`flow_version` integer NOT NULL,
	`source` text DEFAULT 'phone' NOT NULL,
	`day` text NOT NULL,
	`calls` integer NOT NULL,
	`delivered` integer NOT NULL,
	`handed_off` integer NOT NULL,
	`hung_up` integer NOT NULL,
	`failed` integer NOT NULL,
	`duration_hist` text NOT NULL,
	`latency_hist` text NOT NULL,
	PRIMARY KEY(`tenant_id`, `flow_id`, `flow_version`, `source`, `day`),
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
INSERT INTO `__new_analytics_days`("tenant_id", "flow_id", "flow_version", "source", "day", "calls", "delivered", "handed_off", "hung_up", "failed", "duration_hist", "latency_hist") SELECT "tenant_id", "flow_id", "flow_version", CASE WHEN "flow_version" = 0 THEN 'test' ELSE 'phone' END, "day", "calls", "delivered", "handed_off", "hung_up", "failed", "duration_hist", "latency_hist" FROM `analytics_days`;--> statement-breakpoint
DROP TABLE `analytics_days`;--> statement-breakpoint
ALTER TABLE `__new_analytics_days` RENAME TO `analytics_days`;--> statement-breakpoint
CREATE INDEX `analytics_days_day` ON `analytics_days` (`day`);