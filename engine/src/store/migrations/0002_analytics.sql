CREATE TABLE `analytics_counters` (
	`tenant_id` text NOT NULL,
	`flow_id` text NOT NULL,
	`flow_version` integer NOT NULL,
	`day` text NOT NULL,
	`node_id` text NOT NULL,
	`metric` text NOT NULL,
	`key` text NOT NULL,
	`count` integer NOT NULL,
	PRIMARY KEY(`tenant_id`, `flow_id`, `flow_version`, `day`, `node_id`, `metric`, `key`),
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `analytics_counters_day` ON `analytics_counters` (`day`);--> statement-breakpoint
CREATE TABLE `analytics_days` (
	`tenant_id` text NOT NULL,
	`flow_id` text NOT NULL,
	`flow_version` integer NOT NULL,
	`day` text NOT NULL,
	`calls` integer NOT NULL,
	`delivered` integer NOT NULL,
	`handed_off` integer NOT NULL,
	`hung_up` integer NOT NULL,
	`failed` integer NOT NULL,
	`duration_hist` text NOT NULL,
	`latency_hist` text NOT NULL,
	PRIMARY KEY(`tenant_id`, `flow_id`, `flow_version`, `day`),
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `analytics_days_day` ON `analytics_days` (`day`);