// drizzle-kit: `npx drizzle-kit generate` writes SQL migrations for the SQLite store from the
// schema; the server applies them on start (engine/src/store/sqlite/open.ts).
import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'sqlite',
  schema: [
    './engine/src/store/sqlite/schema.ts',
    './engine/src/store/sqlite/records-schema.ts',
    './engine/src/store/sqlite/analytics-schema.ts',
    './engine/src/store/sqlite/operator-schema.ts',
    './engine/src/store/sqlite/team-schema.ts',
  ],
  out: './engine/src/store/migrations',
});
