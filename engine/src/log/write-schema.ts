// Writes schemas/log-line.v1.schema.json from the allow-list: `npx tsx engine/src/log/write-schema.ts`.
import { writeFileSync } from 'node:fs';
import { buildLogLineSchema } from './schema.js';

writeFileSync(
  new URL('../../../schemas/log-line.v1.schema.json', import.meta.url),
  `${JSON.stringify(buildLogLineSchema(), null, 2)}\n`,
);
