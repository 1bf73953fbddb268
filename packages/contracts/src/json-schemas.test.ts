import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderJsonSchemas } from './json-schemas.ts';
import { TOPIC } from './topics.ts';

const dir = join(import.meta.dirname, '..', 'schemas');

describe('committed JSON Schemas', () => {
  const rendered = renderJsonSchemas();

  it('cover every topic', () => {
    expect([...rendered.keys()].sort()).toEqual(
      Object.values(TOPIC)
        .map((t) => `${t}.schema.json`)
        .sort(),
    );
  });

  it('match the zod schemas (run `npm run schemas -w @wapipe/contracts`)', () => {
    expect(readdirSync(dir).sort()).toEqual([...rendered.keys()].sort());
    for (const [name, text] of rendered) {
      expect(readFileSync(join(dir, name), 'utf8'), name).toBe(text);
    }
  });
});
