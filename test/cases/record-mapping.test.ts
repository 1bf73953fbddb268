import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type {
  AccountEventRecord,
  InboundMessageRecord,
  MessageStatusRecord,
  ValueErrorRecord,
} from '@wapipe/contracts';
import { mapProcessedRecord } from './record-mapping.ts';

const provenance = {
  version: 1 as const,
  webhookId: 'a'.repeat(64),
  receivedAt: '2026-06-09T10:13:20.000Z',
  processedAt: '2026-06-09T10:13:20.050Z',
  wabaId: '100000000000001',
  phoneNumberId: '200000000000001',
  displayPhoneNumber: '15550009999',
};

const error131051 = {
  code: 131051,
  title: 'Message type unknown',
  message: null,
  details: null,
  href: null,
};

function message(
  overrides: Partial<InboundMessageRecord>,
): InboundMessageRecord {
  return {
    ...provenance,
    kind: 'message',
    wamid: 'wamid.TEST.MAP.1',
    type: 'text',
    timestamp: '1781000000',
    from: '15551230001',
    fromUserId: 'US.TESTBSUID1',
    groupId: null,
    contact: { name: 'Test User', username: null, waId: null, userId: null },
    text: null,
    caption: null,
    media: null,
    reaction: null,
    interactive: null,
    button: null,
    location: null,
    system: null,
    context: null,
    referral: null,
    errors: [],
    original: {},
    ...overrides,
  };
}

describe('record mapping', () => {
  describe('of a text message', () => {
    const text = 'Zoë ☕ 😀';
    const { record, contractIssue } = mapProcessedRecord(
      'inboundMessages',
      message({ text }),
    );

    it('names the FORMAT.md fields', () => {
      expect(record).toMatchObject({
        kind: 'message',
        wamid: 'wamid.TEST.MAP.1',
        phone_number_id: '200000000000001',
        from: '15551230001',
        from_user_id: 'US.TESTBSUID1',
        type: 'text',
        timestamp: '1781000000',
        contact_name: 'Test User',
        text,
      });
    });

    it('counts code points, not UTF-16 units', () => {
      expect(record?.text_length).toBe(7);
    });

    it('hashes the UTF-8 text', () => {
      const digest = createHash('sha256').update(text, 'utf8').digest('hex');
      expect(record?.text_sha256).toBe(digest);
    });

    it('finds no contract issue', () => {
      expect(contractIssue).toBeUndefined();
    });
  });

  it('maps media, reactions, interactive answers and referrals', () => {
    const { record } = mapProcessedRecord(
      'inboundMessages',
      message({
        type: 'document',
        media: {
          id: '900000000000001',
          mimeType: 'application/pdf',
          sha256: null,
          url: null,
          filename: '../x.PDF',
          voice: null,
          animated: null,
        },
        reaction: { messageId: 'wamid.ORIG', emoji: null },
        interactive: {
          type: 'nfm_reply',
          replyId: null,
          replyTitle: null,
          replyDescription: null,
          responseJson: '{"a":"\\"b\\""}',
          responseName: 'flow',
          flowToken: 'FLOWTOKEN',
        },
        button: { payload: 'STOP', text: 'Stop' },
        context: {
          id: 'wamid.CTX',
          from: '15550009999',
          forwarded: false,
          frequentlyForwarded: false,
          referredProduct: null,
        },
        referral: {
          sourceId: '1202',
          sourceType: 'ad',
          sourceUrl: null,
          headline: null,
          body: null,
          mediaType: null,
          ctwaClid: 'CLID',
        },
      }),
    );
    expect(record).toMatchObject({
      media_id: '900000000000001',
      mime_type: 'application/pdf',
      filename: '../x.PDF',
      reaction_to: 'wamid.ORIG',
      emoji: null,
      interactive_type: 'nfm_reply',
      flow_response_json: '{"a":"\\"b\\""}',
      flow_token: 'FLOWTOKEN',
      button_payload: 'STOP',
      button_text: 'Stop',
      context_id: 'wamid.CTX',
      referral_source_id: '1202',
      referral_source_type: 'ad',
      referral_ctwa_clid: 'CLID',
    });
  });

  it('lists error codes and a null contact name when there is no contact', () => {
    const { record } = mapProcessedRecord(
      'inboundMessages',
      message({ type: 'unsupported', contact: null, errors: [error131051] }),
    );
    expect(record).toMatchObject({ contact_name: null, error_codes: [131051] });
  });

  it('maps a status with its first error title', () => {
    const status: MessageStatusRecord = {
      ...provenance,
      kind: 'status',
      wamid: 'wamid.TEST.OUT',
      status: 'failed',
      currentStatus: 'failed',
      timestamp: '1781000001',
      recipientId: '15551230001',
      recipientUserId: null,
      recipientType: null,
      participantId: null,
      bizOpaqueCallbackData: null,
      conversation: null,
      pricing: null,
      contact: null,
      errors: [{ ...error131051, code: 131026, title: 'Undeliverable' }],
      original: {},
    };
    expect(mapProcessedRecord('messageStatuses', status).record).toMatchObject({
      kind: 'status',
      wamid: 'wamid.TEST.OUT',
      status: 'failed',
      current_status: 'failed',
      recipient_id: '15551230001',
      phone_number_id: '200000000000001',
      error_codes: [131026],
      error_title: 'Undeliverable',
    });
  });

  it('maps account-topic events and value errors by their kind', () => {
    const event: AccountEventRecord = {
      ...provenance,
      kind: 'event',
      field: 'account_update',
      event: 'VERIFIED_ACCOUNT',
      entryTime: null,
      value: {},
    };
    const error: ValueErrorRecord = {
      ...provenance,
      kind: 'error',
      error: error131051,
      original: {},
    };
    expect(mapProcessedRecord('accountEvents', event).record).toMatchObject({
      kind: 'event',
      field: 'account_update',
      waba_id: '100000000000001',
    });
    expect(mapProcessedRecord('accountEvents', error).record).toMatchObject({
      kind: 'error',
      phone_number_id: '200000000000001',
      error_codes: [131051],
    });
  });

  describe('of a record that breaks its schema', () => {
    const broken = { ...message({ text: 'hi' }), receivedAt: 'yesterday' };
    const mapped = mapProcessedRecord('inboundMessages', broken);

    it('names the broken field', () => {
      expect(mapped.contractIssue).toContain('receivedAt');
    });

    it('still maps what it can', () => {
      expect(mapped.record).toMatchObject({ wamid: 'wamid.TEST.MAP.1' });
    });
  });
});
