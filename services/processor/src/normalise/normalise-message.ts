import type { InboundMessageRecord, SplitMessage } from '@wapipe/contracts';
import { contactSummary, errorDetails, provenanceOf } from './common.ts';
import { bool, num, obj, str, type Json } from './pick.ts';

const MEDIA_TYPES = new Set(['image', 'video', 'audio', 'document', 'sticker']);

/**
 * The consumer-facing shape of an inbound message. Each type gets the
 * fields a consumer needs; a type we do not know keeps its `type` and,
 * like every type, the untouched `original`.
 */
export function normaliseMessage(
  record: SplitMessage,
  processedAt: string,
): InboundMessageRecord {
  const m = record.message;
  const type = String(m.type);
  const payload = obj(m, type);
  return {
    ...provenanceOf(record, processedAt),
    kind: 'message',
    wamid: String(m.id),
    type,
    timestamp: str(m, 'timestamp'),
    from: str(m, 'from'),
    fromUserId: str(m, 'from_user_id'),
    groupId: str(m, 'group_id'),
    contact: contactSummary(record.contact),
    text: type === 'text' ? str(payload, 'body') : null,
    caption: str(payload, 'caption'),
    media: MEDIA_TYPES.has(type) ? media(payload) : null,
    reaction: type === 'reaction' ? reaction(payload) : null,
    interactive: type === 'interactive' ? interactive(payload) : null,
    button:
      type === 'button'
        ? { payload: str(payload, 'payload'), text: str(payload, 'text') }
        : null,
    location: type === 'location' ? location(payload) : null,
    system: type === 'system' ? system(payload) : null,
    context: context(obj(m, 'context')),
    referral: referral(obj(m, 'referral')),
    errors: errorDetails(m),
    original: m,
  };
}

function media(payload: Json | null): InboundMessageRecord['media'] {
  return {
    id: str(payload, 'id'),
    mimeType: str(payload, 'mime_type'),
    sha256: str(payload, 'sha256'),
    url: str(payload, 'url'),
    filename: str(payload, 'filename'),
    voice: bool(payload, 'voice'),
    animated: bool(payload, 'animated'),
  };
}

// A removal is a reaction without an `emoji` key (REFERENCE §5.7).
function reaction(payload: Json | null): InboundMessageRecord['reaction'] {
  return {
    messageId: str(payload, 'message_id'),
    emoji: str(payload, 'emoji'),
  };
}

function interactive(
  payload: Json | null,
): InboundMessageRecord['interactive'] {
  const type = str(payload, 'type');
  const reply = obj(payload, type ?? '');
  const responseJson = str(reply, 'response_json');
  return {
    type,
    replyId: str(reply, 'id'),
    replyTitle: str(reply, 'title'),
    replyDescription: str(reply, 'description'),
    responseJson,
    responseName: str(reply, 'name'),
    flowToken: flowToken(responseJson),
  };
}

// response_json is a JSON string inside the JSON (REFERENCE §5.5); it is
// kept byte for byte and only read here for the flow token.
function flowToken(responseJson: string | null): string | null {
  if (responseJson === null) return null;
  try {
    return str(obj(JSON.parse(responseJson)), 'flow_token');
  } catch {
    return null;
  }
}

function location(payload: Json | null): InboundMessageRecord['location'] {
  return {
    latitude: num(payload, 'latitude'),
    longitude: num(payload, 'longitude'),
    name: str(payload, 'name'),
    address: str(payload, 'address'),
    url: str(payload, 'url'),
  };
}

function system(payload: Json | null): InboundMessageRecord['system'] {
  return {
    type: str(payload, 'type'),
    body: str(payload, 'body'),
    newWaId: str(payload, 'wa_id') ?? str(payload, 'new_wa_id'),
    newUserId: str(payload, 'user_id'),
  };
}

function context(ctx: Json | null): InboundMessageRecord['context'] {
  if (!ctx) return null;
  const product = obj(ctx, 'referred_product');
  return {
    id: str(ctx, 'id'),
    from: str(ctx, 'from'),
    forwarded: bool(ctx, 'forwarded') ?? false,
    frequentlyForwarded: bool(ctx, 'frequently_forwarded') ?? false,
    referredProduct: product
      ? {
          catalogId: str(product, 'catalog_id'),
          productRetailerId: str(product, 'product_retailer_id'),
        }
      : null,
  };
}

function referral(ref: Json | null): InboundMessageRecord['referral'] {
  if (!ref) return null;
  return {
    sourceId: str(ref, 'source_id'),
    sourceType: str(ref, 'source_type'),
    sourceUrl: str(ref, 'source_url'),
    headline: str(ref, 'headline'),
    body: str(ref, 'body'),
    mediaType: str(ref, 'media_type'),
    ctwaClid: str(ref, 'ctwa_clid'),
  };
}
