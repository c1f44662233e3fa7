// drizzle-kit for the PostgreSQL dialect: `npx drizzle-kit generate --config drizzle.pg.config.ts`
// writes SQL migrations from the pg schema; the server applies them on start (engine/src/store/pg/open.ts).
// After generating, strip the schema qualifiers: sed -i 's/"public"\.//g' engine/src/store/pg-migrations/*.sql
// (foreign keys come out as "public"."tenants"; unqualified, the migrations apply in any schema —
// tests use a fresh schema each). The SQLite dialect has its own config (drizzle.config.ts) and folder.
import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: [
    './engine/src/store/pg/schema.ts',
    './engine/src/store/pg/records-schema.ts',
    './engine/src/store/pg/analytics-schema.ts',
    './engine/src/store/pg/operator-schema.ts',
    './engine/src/store/pg/team-schema.ts',
  ],
  out: './engine/src/store/pg-migrations',
});
