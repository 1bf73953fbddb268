import { constants } from 'node:buffer';
import { describe, expect, it } from 'vitest';
import { splitChanges } from './split-changes.ts';

const meta = { webhookId: 'w', receivedAt: '2026-12-04T00:00:00.000Z' };
const body = (text: string) => Buffer.from(text, 'utf8');
const change =
  '{"field":"messages","value":{"metadata":{"phone_number_id":"7"}}}';
const envelope = (entries: string) =>
  `{"object":"whatsapp_business_account","entry":[${entries}]}`;

describe('splitChanges', () => {
  it('keys a change by its phone number id', () => {
    const split = splitChanges(
      body(envelope(`{"id":"1","changes":[${change}]}`)),
      meta,
    );
    expect(split).toMatchObject({ ok: true, malformed: 0 });
    expect(split.ok && split.changes[0]?.key).toBe('7');
  });

  it('reads a body that starts with a byte-order mark', () => {
    const text = '\uFEFF' + envelope(`{"id":"1","changes":[${change}]}`);
    expect(splitChanges(body(text), meta)).toMatchObject({ ok: true });
  });

  it('reports bytes that are not UTF-8', () => {
    const bytes = Buffer.concat([
      body(envelope('')),
      Buffer.from([0xc3, 0x28]),
    ]);
    expect(splitChanges(bytes, meta)).toMatchObject({
      ok: false,
      reason: 'WAP_INGRESS_NOT_UTF8',
    });
  });

  it('reports a body longer than any string, without throwing', () => {
    const huge = Buffer.alloc(constants.MAX_STRING_LENGTH + 1, 0x20);
    expect(splitChanges(huge, meta)).toMatchObject({
      ok: false,
      reason: 'WAP_INGRESS_NOT_UTF8',
    });
  });

  it('keeps an entry id beyond a double range as the text Meta sent', () => {
    // JSON.parse alone would make it Infinity, and the record would say null.
    const entries = `{"id":1e400,"changes":[${change}]}`;
    const split = splitChanges(body(envelope(entries)), meta);
    expect(split).toMatchObject({ ok: true, malformed: 0 });
    const record = split.ok
      ? (JSON.parse(split.changes[0]?.value ?? '') as unknown)
      : null;
    expect(record).toMatchObject({ wabaId: '1e400' });
  });
});
