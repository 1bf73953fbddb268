import { describe, expect, it } from 'vitest';
import { loadCorpus } from '@wapipe/testing';
import type { SplitMessage } from '@wapipe/contracts';
import { normaliseMessage } from './normalise-message.ts';

interface Body {
  entry: {
    id: string;
    changes: {
      value: {
        contacts?: { wa_id?: string; profile?: { name?: string } }[];
        messages?: Record<string, unknown>[];
      };
    }[];
  }[];
}

const corpus = new Map(
  loadCorpus().bodies.map((b) => [
    b.name,
    JSON.parse(b.raw.toString()) as Body,
  ]),
);

/** The first message of a corpus body as the fan-out would hand it over. */
function first(name: string): SplitMessage {
  const value = corpus.get(name)?.entry[0]?.changes[0]?.value;
  const message = value?.messages?.[0] ?? {};
  return {
    version: 1,
    kind: 'message',
    webhookId: 'w',
    receivedAt: '2026-12-03T00:00:00.000Z',
    wabaId: '1',
    entryTime: null,
    field: 'messages',
    phoneNumberId: '200000000000001',
    displayPhoneNumber: null,
    contact: value?.contacts?.find((c) => c.wa_id === message.from) ?? null,
    message,
  };
}

const at = '2026-12-03T00:00:01.000Z';

describe('normaliseMessage', () => {
  it('decodes text with accents, emoji and astral characters', () => {
    const out = normaliseMessage(first('msg_text_unicode_emoji'), at);
    expect(out.text).toMatch(/😀/);
    expect(out.contact?.name).toBe('Zoë Tëst-Ñandú');
  });

  it('gives media messages their id, MIME type, digest and filename', () => {
    const doc = normaliseMessage(first('msg_document'), at);
    expect(doc.media).toMatchObject({
      id: expect.any(String),
      mimeType: 'application/pdf',
    });
    expect(doc.media?.filename).toBeTruthy();
    expect(normaliseMessage(first('msg_audio_voice'), at).media?.voice).toBe(
      true,
    );
  });

  it('reads a removed reaction as emoji null', () => {
    const out = normaliseMessage(first('msg_reaction_removed'), at);
    expect(out.reaction).toEqual({
      messageId: expect.any(String),
      emoji: null,
    });
  });

  it('keeps a Flow answer byte for byte and lifts its token', () => {
    const out = normaliseMessage(first('msg_interactive_nfm_reply_flow'), at);
    const original = (
      first('msg_interactive_nfm_reply_flow').message.interactive as {
        nfm_reply: { response_json: string };
      }
    ).nfm_reply.response_json;
    expect(out.interactive?.responseJson).toBe(original);
    expect(out.interactive?.flowToken).toBe(JSON.parse(original).flow_token);
  });

  it('tells template quick replies from interactive button replies', () => {
    expect(
      normaliseMessage(first('msg_button_template_quick_reply'), at).button
        ?.payload,
    ).toBeTruthy();
    const reply = normaliseMessage(first('msg_interactive_button_reply'), at);
    expect(reply.interactive).toMatchObject({
      type: 'button_reply',
      replyId: expect.any(String),
    });
    expect(reply.context?.id).toBeTruthy();
  });

  it('carries unsupported and legacy unknown messages with their error codes', () => {
    expect(
      normaliseMessage(first('msg_unsupported_131051'), at).errors[0]?.code,
    ).toBe(131051);
    const legacy = normaliseMessage(first('msg_legacy_unknown_131051'), at);
    expect(legacy).toMatchObject({
      type: 'unknown',
      errors: [{ code: 131051, details: expect.any(String) }],
    });
  });

  it('reads the new number of a user who changed it', () => {
    const out = normaliseMessage(first('msg_system_user_changed_number'), at);
    expect(out.system).toMatchObject({
      type: 'user_changed_number',
      newWaId: expect.any(String),
    });
  });

  it('keeps click-to-WhatsApp attribution', () => {
    const out = normaliseMessage(first('msg_text_ctwa_referral'), at);
    expect(out.referral).toMatchObject({
      sourceType: 'ad',
      ctwaClid: expect.any(String),
    });
  });

  it('passes a type nobody has seen yet through with its object', () => {
    const record = first('msg_text');
    record.message = {
      ...record.message,
      type: 'hologram',
      hologram: { depth: 3 },
    };
    const out = normaliseMessage(record, at);
    expect(out).toMatchObject({
      type: 'hologram',
      text: null,
      original: { hologram: { depth: 3 } },
    });
  });

  it('emits nothing for a request_welcome but its identity and sender', () => {
    const out = normaliseMessage(first('msg_request_welcome'), at);
    expect(out).toMatchObject({
      type: 'request_welcome',
      text: null,
      media: null,
    });
  });
});
