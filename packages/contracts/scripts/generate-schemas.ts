// Writes schemas/<topic>.schema.json from the zod record schemas.
// Run after changing a record schema; a test fails while they differ.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderJsonSchemas } from '../src/json-schemas.ts';

const dir = join(import.meta.dirname, '..', 'schemas');
mkdirSync(dir, { recursive: true });
for (const [name, text] of renderJsonSchemas()) {
  writeFileSync(join(dir, name), text);
}
process.stdout.write(`wrote ${renderJsonSchemas().size} schemas to ${dir}\n`);
