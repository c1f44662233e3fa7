CREATE TABLE "receipt_checkpoints" (
	"tenant_id" text NOT NULL,
	"count" integer NOT NULL,
	"final" boolean NOT NULL,
	"head_hash" text NOT NULL,
	"time" text NOT NULL,
	"key_id" text NOT NULL,
	"signature" text NOT NULL,
	CONSTRAINT "receipt_checkpoints_tenant_id_count_final_pk" PRIMARY KEY("tenant_id","count","final")
);
--> statement-breakpoint
CREATE TABLE "receipt_signing_keys" (
	"key_id" text PRIMARY KEY NOT NULL,
	"public_key" text NOT NULL,
	"created_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "receipt_webhooks" (
	"tenant_id" text PRIMARY KEY NOT NULL,
	"url" text NOT NULL,
	"delivered_count" integer NOT NULL,
	"delivered_final" boolean NOT NULL,
	"attempts" integer NOT NULL,
	"next_attempt_at" bigint NOT NULL,
	"updated_at" bigint NOT NULL
);
--> statement-breakpoint
ALTER TABLE "receipt_webhooks" ADD CONSTRAINT "receipt_webhooks_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE cascade ON UPDATE no action;