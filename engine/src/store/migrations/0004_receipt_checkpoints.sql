CREATE TABLE `receipt_checkpoints` (
	`tenant_id` text NOT NULL,
	`count` integer NOT NULL,
	`final` integer NOT NULL,
	`head_hash` text NOT NULL,
	`time` text NOT NULL,
	`key_id` text NOT NULL,
	`signature` text NOT NULL,
	PRIMARY KEY(`tenant_id`, `count`, `final`)
);
--> statement-breakpoint
CREATE TABLE `receipt_signing_keys` (
	`key_id` text PRIMARY KEY NOT NULL,
	`public_key` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `receipt_webhooks` (
	`tenant_id` text PRIMARY KEY NOT NULL,
	`url` text NOT NULL,
	`delivered_count` integer NOT NULL,
	`delivered_final` integer NOT NULL,
	`attempts` integer NOT NULL,
	`next_attempt_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade
);
