import { describe, expect, it } from 'vitest';
import { loadCorpus } from '@wapipe/testing';
import { readChange, readEntry, readEnvelopeEntries } from './read-envelope.ts';
import { metaChange, metaEntry, metaEnvelope } from './webhook-envelope.ts';

// The readers must agree with the zod schemas on every input: same
// verdict, same values for what the ingress reads.
const odd: unknown[] = [
  null,
  undefined,
  0,
  '',
  'text',
  [],
  [1],
  {},
  { object: 'page', entry: [] },
  { object: 'whatsapp_business_account' },
  { object: 'whatsapp_business_account', entry: {} },
  { object: 'whatsapp_business_account', entry: [] },
  { object: 'whatsapp_business_account', entry: [{}], extra: true },
  { id: '1', changes: [] },
  { id: 1, time: 5, changes: [{}] },
  { id: 1e21, changes: [] },
  { id: true, changes: [] },
  { id: Infinity, changes: [] },
  { id: -Infinity, changes: [] },
  { id: '1', time: Infinity, changes: [] },
  { id: null, changes: [] },
  { id: '1', time: '5', changes: [] },
  { id: '1', time: null, changes: [] },
  { id: '1', changes: {} },
  { id: '1' },
  { field: 'messages', value: { a: 1 } },
  { field: 'messages' },
  { field: 'messages', value: null },
  { field: 1, value: {} },
  { value: {} },
];

const corpus = loadCorpus().bodies.map(
  (body) => JSON.parse(body.raw.toString('utf8')) as unknown,
);

const entriesOf = (json: unknown): unknown[] => readEnvelopeEntries(json) ?? [];
const changesOf = (json: unknown): unknown[] =>
  entriesOf(json).flatMap((entry) => readEntry(entry)?.changes ?? []);
const inputs = [
  ...odd,
  ...corpus,
  ...corpus.flatMap(entriesOf),
  ...corpus.flatMap(changesOf),
];

describe('readEnvelopeEntries', () => {
  it.each(inputs.map((input) => [JSON.stringify(input)?.slice(0, 60), input]))(
    'agrees with metaEnvelope on %s',
    (_label, input) => {
      const zod = metaEnvelope.safeParse(input);
      expect(readEnvelopeEntries(input)).toEqual(
        zod.success ? zod.data.entry : undefined,
      );
    },
  );
});

describe('readEntry', () => {
  it.each(inputs.map((input) => [JSON.stringify(input)?.slice(0, 60), input]))(
    'agrees with metaEntry on %s',
    (_label, input) => {
      const zod = metaEntry.safeParse(input);
      const read = readEntry(input);
      if (!zod.success) return expect(read).toBeUndefined();
      expect(read).toEqual({
        id: zod.data.id,
        time: zod.data.time,
        changes: zod.data.changes,
      });
    },
  );
});

describe('readChange', () => {
  it.each(inputs.map((input) => [JSON.stringify(input)?.slice(0, 60), input]))(
    'agrees with metaChange on %s',
    (_label, input) => {
      const zod = metaChange.safeParse(input);
      const read = readChange(input);
      if (!zod.success) return expect(read).toBeUndefined();
      expect(read).toEqual({ field: zod.data.field, value: zod.data.value });
    },
  );
});
