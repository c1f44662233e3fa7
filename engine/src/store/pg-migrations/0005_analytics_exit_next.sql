-- Analytics count the exits by the step kinds' own names (engine/src/flow/nodes/<kind>.ts): the
-- plain exit of a questions step or a callback request was counted as `done`; it is `next`, as in
-- the graph, the designer and the flow file. Rows already counted under `next` for the same cell
-- (a draft step that changed its kind) are added up. A branch option that happens to be called
-- `done` keeps its name: published versions are looked up (the draft ran test calls only).
INSERT INTO "analytics_counters" ("tenant_id", "flow_id", "flow_version", "source", "day", "node_id", "metric", "key", "count")
SELECT c."tenant_id", c."flow_id", c."flow_version", c."source", c."day", c."node_id", c."metric", 'next', c."count"
FROM "analytics_counters" c
WHERE c."metric" = 'left' AND c."key" = 'done' AND NOT EXISTS (
  SELECT 1 FROM "flow_versions" v
  WHERE v."tenant_id" = c."tenant_id" AND v."flow_id" = c."flow_id" AND v."number" = c."flow_version"
    AND (v."canonical_json"::jsonb -> 'nodes' -> c."node_id" ->> 'kind') = 'branch'
)
ON CONFLICT ("tenant_id", "flow_id", "flow_version", "source", "day", "node_id", "metric", "key")
DO UPDATE SET "count" = "analytics_counters"."count" + EXCLUDED."count";--> statement-breakpoint
DELETE FROM "analytics_counters" c
WHERE c."metric" = 'left' AND c."key" = 'done' AND NOT EXISTS (
  SELECT 1 FROM "flow_versions" v
  WHERE v."tenant_id" = c."tenant_id" AND v."flow_id" = c."flow_id" AND v."number" = c."flow_version"
    AND (v."canonical_json"::jsonb -> 'nodes' -> c."node_id" ->> 'kind') = 'branch'
);
