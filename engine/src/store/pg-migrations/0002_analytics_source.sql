-- Analytics get a source dimension (phone | test), part of the primary key. Existing rows were
-- counted before test calls were told apart: the draft's (version 0) can only be test calls.
-- (Hand-ordered after drizzle-kit generate: it added the keys before the column they name.)
ALTER TABLE "analytics_counters" ADD COLUMN "source" text DEFAULT 'phone' NOT NULL;--> statement-breakpoint
ALTER TABLE "analytics_days" ADD COLUMN "source" text DEFAULT 'phone' NOT NULL;--> statement-breakpoint
UPDATE "analytics_counters" SET "source" = 'test' WHERE "flow_version" = 0;--> statement-breakpoint
UPDATE "analytics_days" SET "source" = 'test' WHERE "flow_version" = 0;--> statement-breakpoint
ALTER TABLE "analytics_counters" DROP CONSTRAINT "analytics_counters_tenant_id_flow_id_flow_version_day_node_id_metric_key_pk";--> statement-breakpoint
ALTER TABLE "analytics_days" DROP CONSTRAINT "analytics_days_tenant_id_flow_id_flow_version_day_pk";--> statement-breakpoint
ALTER TABLE "analytics_counters" ADD CONSTRAINT "analytics_counters_tenant_id_flow_id_flow_version_source_day_node_id_metric_key_pk" PRIMARY KEY("tenant_id","flow_id","flow_version","source","day","node_id","metric","key");--> statement-breakpoint
ALTER TABLE "analytics_days" ADD CONSTRAINT "analytics_days_tenant_id_flow_id_flow_version_source_day_pk" PRIMARY KEY("tenant_id","flow_id","flow_version","source","day");
