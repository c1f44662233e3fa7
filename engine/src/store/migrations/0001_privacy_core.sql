CREATE TABLE `call_note_subjects` (
	`tenant_id` text NOT NULL,
	`tx_id` text NOT NULL,
	`subject_key` text NOT NULL,
	PRIMARY KEY(`tenant_id`, `subject_key`, `tx_id`)
);
--> statement-breakpoint
CREATE INDEX `call_note_subjects_tx` ON `call_note_subjects` (`tenant_id`,`tx_id`);--> statement-breakpoint
CREATE TABLE `call_notes` (
	`tenant_id` text NOT NULL,
	`tx_id` text NOT NULL,
	`flow_id` text NOT NULL,
	`flow_version` integer,
	`test` integer NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`delete_on_delivery` integer NOT NULL,
	`status` text NOT NULL,
	`restricted` integer NOT NULL,
	`key_id` text NOT NULL,
	`ciphertext` blob NOT NULL,
	`webhook_url` text,
	`webhook_attempts` integer DEFAULT 0 NOT NULL,
	`webhook_first_attempt_at` integer,
	`webhook_next_attempt_at` integer,
	`inbox_pending` integer NOT NULL,
	`shred_reason` text,
	PRIMARY KEY(`tenant_id`, `tx_id`),
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `call_notes_expires` ON `call_notes` (`expires_at`);--> statement-breakpoint
CREATE INDEX `call_notes_webhook_due` ON `call_notes` (`webhook_next_attempt_at`);--> statement-breakpoint
CREATE TABLE `deletion_receipts` (
	`tenant_id` text NOT NULL,
	`seq` integer NOT NULL,
	`receipt_id` text NOT NULL,
	`tx_id` text NOT NULL,
	`reason` text NOT NULL,
	`deleted_at` text NOT NULL,
	`key_id` text NOT NULL,
	`prev_hash` text NOT NULL,
	`hash` text NOT NULL,
	PRIMARY KEY(`tenant_id`, `seq`)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `deletion_receipts_receipt_id_unique` ON `deletion_receipts` (`receipt_id`);--> statement-breakpoint
CREATE TABLE `receipt_heads` (
	`tenant_id` text PRIMARY KEY NOT NULL,
	`seq` integer NOT NULL,
	`hash` text NOT NULL,
	`mac` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `tenant_keys` (
	`tenant_id` text PRIMARY KEY NOT NULL,
	`wrapped_key` blob NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade
);
