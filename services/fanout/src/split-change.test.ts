import { describe, expect, it } from 'vitest';
import { loadCorpus } from '@wapipe/testing';
import type { WebhookChangeRecord } from '@wapipe/contracts';
import { splitChange } from './split-change.ts';
import { changeRecord } from '../test/change-record.ts';

const corpus = new Map(
  loadCorpus().bodies.map((b) => [b.name, JSON.parse(b.raw.toString())]),
);

interface Body {
  entry: {
    id: string;
    time?: number;
    changes: { field: string; value: unknown }[];
  }[];
}

function changesOf(name: string): WebhookChangeRecord[] {
  const body = corpus.get(name) as Body;
  return body.entry.flatMap((entry, entryIndex) =>
    entry.changes.map((c, changeIndex) =>
      changeRecord(c.field, c.value, {
        wabaId: entry.id,
        entryIndex,
        changeIndex,
      }),
    ),
  );
}

describe('splitChange', () => {
  describe('with three messages from two users in one change', () => {
    const [only] = changesOf('batch_multi_messages_one_change');
    const { outputs } = splitChange(only as WebhookChangeRecord);

    it('writes one message record each, with the contact matched by id', () => {
      expect(outputs).toHaveLength(3);
      for (const { record, topic } of outputs) {
        expect(topic).toBe('messages');
        if (record.kind !== 'message') throw new Error('expected messages');
        expect(record.contact?.wa_id).toBe(record.message.from);
      }
    });

    it('keys each by phone number id and customer', () => {
      const keys = outputs.map((o) => o.key);
      for (const key of keys) expect(key).toMatch(/^200000000000001:\d+$/);
      expect(new Set(keys).size).toBe(2);
    });
  });

  describe('with two entries for two WABAs', () => {
    it('tags each record with its own entry and phone number', () => {
      const records = changesOf('batch_multi_entries').flatMap(
        (c) => splitChange(c).outputs,
      );
      const pairs = records.map(
        (o) => `${o.record.wabaId}/${o.record.phoneNumberId}`,
      );
      expect(new Set(pairs).size).toBe(2);
    });
  });

  describe('with a batch of statuses', () => {
    it('writes every status, the exact duplicate included', () => {
      const [only] = changesOf('statuses_batch_out_of_order');
      const { outputs } = splitChange(only as WebhookChangeRecord);
      expect(outputs.map((o) => o.topic)).toEqual([
        'statuses',
        'statuses',
        'statuses',
        'statuses',
      ]);
    });
  });

  describe('with a non-message field', () => {
    it('keeps the change whole as one event', () => {
      const [only] = changesOf('tmpl_status_approved');
      const { outputs } = splitChange(only as WebhookChangeRecord);
      expect(outputs).toHaveLength(1);
      expect(outputs[0]?.record).toMatchObject({
        kind: 'event',
        field: 'message_template_status_update',
      });
    });

    it('passes a field nobody has seen yet through', () => {
      const { outputs } = splitChange(
        changeRecord('brand_new_field', { anything: [1, 2] }),
      );
      expect(outputs[0]?.record).toMatchObject({
        kind: 'event',
        value: { anything: [1, 2] },
      });
    });
  });

  describe('with odd messages values', () => {
    it('writes value-level errors as error records', () => {
      const value = {
        metadata: { phone_number_id: '9' },
        errors: [{ code: 130429 }, { code: 131000 }],
      };
      const { outputs } = splitChange(changeRecord('messages', value));
      expect(outputs.map((o) => [o.topic, o.record.kind, o.key])).toEqual([
        ['events', 'error', '9'],
        ['events', 'error', '9'],
      ]);
    });

    it('keeps a messages change with nothing recognisable as an event', () => {
      const { outputs } = splitChange(
        changeRecord('messages', { something_new: true }),
      );
      expect(outputs[0]?.record.kind).toBe('event');
    });

    it('rejects a message without an id, and keeps its neighbours', () => {
      const value = {
        messages: [{ type: 'text' }, { id: 'wamid.X', type: 'text' }],
      };
      const { outputs, rejects } = splitChange(changeRecord('messages', value));
      expect(outputs).toHaveLength(1);
      expect(rejects).toEqual([
        expect.objectContaining({ reason: 'WAP_FANOUT_MESSAGE_WITHOUT_ID' }),
      ]);
    });

    it('matches a username user by user_id when Meta sends no phone number', () => {
      const value = {
        metadata: { phone_number_id: '9' },
        contacts: [
          { user_id: 'US.1', profile: { name: 'A' } },
          { wa_id: '155' },
        ],
        messages: [{ id: 'wamid.Y', type: 'text', from_user_id: 'US.1' }],
      };
      const { outputs } = splitChange(changeRecord('messages', value));
      expect(outputs[0]?.key).toBe('9:US.1');
      expect(outputs[0]?.record).toMatchObject({
        contact: { user_id: 'US.1' },
      });
    });
  });

  describe('with parts of a messages value in odd shapes', () => {
    it('reads a numeric phone number id and keeps a non-array part aside', () => {
      const value = {
        metadata: { phone_number_id: 9 },
        contacts: 'nobody',
        statuses: { id: 'wamid.S', status: 'sent' },
        messages: [{ id: 'wamid.M', type: 'text', from: '1' }],
      };
      const { outputs, rejects } = splitChange(changeRecord('messages', value));
      expect(outputs.map((o) => [o.record.kind, o.key])).toEqual([
        ['message', '9:1'],
      ]);
      expect(rejects).toEqual([
        expect.objectContaining({
          reason: 'WAP_FANOUT_NOT_AN_ARRAY',
          detail: 'statuses is not an array',
        }),
      ]);
    });
  });
});
