CREATE TABLE "analytics_counters" (
	"tenant_id" text NOT NULL,
	"flow_id" text NOT NULL,
	"flow_version" integer NOT NULL,
	"day" text NOT NULL,
	"node_id" text NOT NULL,
	"metric" text NOT NULL,
	"key" text NOT NULL,
	"count" integer NOT NULL,
	CONSTRAINT "analytics_counters_tenant_id_flow_id_flow_version_day_node_id_metric_key_pk" PRIMARY KEY("tenant_id","flow_id","flow_version","day","node_id","metric","key")
);
--> statement-breakpoint
CREATE TABLE "analytics_days" (
	"tenant_id" text NOT NULL,
	"flow_id" text NOT NULL,
	"flow_version" integer NOT NULL,
	"day" text NOT NULL,
	"calls" integer NOT NULL,
	"delivered" integer NOT NULL,
	"handed_off" integer NOT NULL,
	"hung_up" integer NOT NULL,
	"failed" integer NOT NULL,
	"duration_hist" text NOT NULL,
	"latency_hist" text NOT NULL,
	CONSTRAINT "analytics_days_tenant_id_flow_id_flow_version_day_pk" PRIMARY KEY("tenant_id","flow_id","flow_version","day")
);
--> statement-breakpoint
ALTER TABLE "analytics_counters" ADD CONSTRAINT "analytics_counters_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "analytics_days" ADD CONSTRAINT "analytics_days_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "analytics_counters_day" ON "analytics_counters" USING btree ("day");--> statement-breakpoint
CREATE INDEX "analytics_days_day" ON "analytics_days" USING btree ("day");