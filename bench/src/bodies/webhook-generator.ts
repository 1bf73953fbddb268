import { createHmac } from 'node:crypto';
import type { SignedBody } from './signed-body.ts';

const WABA_ID = '100000000000901';
/** Business numbers: ingress keys by phone_number_id, so this spreads load. */
const BUSINESS_NUMBERS = 4;
/** Customers per business: fan-out keys by number + customer. */
const CUSTOMERS = 1_000;
const STATUS_ORDER = ['sent', 'delivered', 'read'] as const;

/**
 * Webhook bodies that never repeat an identity, so the processor's dedupe
 * lets every update through: inbound text messages, and sent → delivered
 * → read for outbound messages. Bodies alternate between the two kinds
 * and carry 1, 2 or 3 updates in turn (2 on average), like Meta's batches.
 */
export class WebhookGenerator {
  private readonly runId: string;
  private readonly appSecret: string;
  private bodyCount = 0;
  private inboundCount = 0;
  /** Next position in each business number's status stream. */
  private readonly statusSeq = new Array<number>(BUSINESS_NUMBERS).fill(0);

  constructor(runId: string, appSecret: string) {
    this.runId = runId;
    this.appSecret = appSecret;
  }

  next(): SignedBody {
    const n = this.bodyCount++;
    const updates = 1 + (Math.floor(n / 2) % 3);
    const business = Math.floor(n / 2) % BUSINESS_NUMBERS;
    const value =
      n % 2 === 0
        ? this.messagesValue(business, updates)
        : this.statusesValue(business, updates);
    const raw = Buffer.from(JSON.stringify(envelope(value)));
    return { raw, signature: sign(raw, this.appSecret), changes: 1, updates };
  }

  private messagesValue(business: number, count: number) {
    const waId = customerWaId(this.inboundCount % CUSTOMERS);
    const messages = Array.from({ length: count }, () => ({
      from: waId,
      id: `wamid.${this.runId}.in.${this.inboundCount++}`,
      timestamp: unixNow(),
      type: 'text',
      text: { body: 'benchmark message' },
    }));
    return {
      ...valueHead(business),
      contacts: [{ profile: { name: 'Bench User' }, wa_id: waId }],
      messages,
    };
  }

  // Consecutive entries of one number's stream: a body may hold several
  // states of one outbound message, as Meta's batches do.
  private statusesValue(business: number, count: number) {
    const statuses = Array.from({ length: count }, () => {
      const seq = this.statusSeq[business] ?? 0;
      this.statusSeq[business] = seq + 1;
      const outbound = Math.floor(seq / STATUS_ORDER.length);
      return {
        id: `wamid.${this.runId}.out.${business}.${outbound}`,
        status: STATUS_ORDER[seq % STATUS_ORDER.length],
        timestamp: unixNow(),
        recipient_id: customerWaId(outbound % CUSTOMERS),
      };
    });
    return { ...valueHead(business), statuses };
  }
}

function envelope(value: object) {
  return {
    object: 'whatsapp_business_account',
    entry: [{ id: WABA_ID, changes: [{ value, field: 'messages' }] }],
  };
}

function valueHead(business: number) {
  return {
    messaging_product: 'whatsapp',
    metadata: {
      display_phone_number: `1555000090${business}`,
      phone_number_id: `20000000000090${business}`,
    },
  };
}

function customerWaId(customer: number): string {
  return `1555${String(customer).padStart(7, '0')}`;
}

function unixNow(): string {
  return String(Math.floor(Date.now() / 1e3));
}

function sign(raw: Buffer, appSecret: string): string {
  const digest = createHmac('sha256', appSecret).update(raw).digest('hex');
  return `sha256=${digest}`;
}
