import type autocannon from 'autocannon';
import { corpusBodies } from '../bodies/corpus-bodies.ts';
import type { SignedBody } from '../bodies/signed-body.ts';
import { WebhookGenerator } from '../bodies/webhook-generator.ts';
import type { AcceptedTally } from './accepted-tally.ts';
import type { BodySource } from './load-plan.ts';

type Request = autocannon.Request;

/**
 * Autocannon's request list for a body source; 2xx answers are tallied.
 * Generated bodies are made `pregenerate` at a time before the load
 * starts (more on the fly if the load outruns them): made during the
 * load, they took the load generator about 20 µs a request of CPU that
 * the servers under test share.
 */
export function webhookRequests(
  source: BodySource,
  tally: AcceptedTally,
  pregenerate = 0,
): Request[] {
  if (source.kind === 'corpus') {
    return corpusBodies().bodies.map((body) => fixedRequest(body, tally));
  }
  const generator = new WebhookGenerator(source.runId, source.appSecret);
  return [generatedRequest(new BodyPool(generator, pregenerate), tally)];
}

/** Bodies made in advance, handed out in order, then made as needed. */
class BodyPool {
  private readonly ready: SignedBody[];
  private readonly generator: WebhookGenerator;
  private next = 0;

  constructor(generator: WebhookGenerator, size: number) {
    this.generator = generator;
    this.ready = Array.from({ length: size }, () => generator.next());
  }

  take(): SignedBody {
    if (this.next >= this.ready.length) return this.generator.next();
    const body = this.ready[this.next] as SignedBody;
    this.ready[this.next++] = undefined as unknown as SignedBody; // for GC
    return body;
  }
}

// Prebuilt once: autocannon rotates each connection through the list.
function fixedRequest(body: SignedBody, tally: AcceptedTally): Request {
  return {
    method: 'POST',
    headers: headersFor(body),
    body: body.raw,
    onResponse: (status) => {
      if (isSuccess(status)) tally.add(body);
    },
  };
}

// Built per request. The body rides in the connection's context, which
// autocannon hands to onResponse before it builds the next request.
function generatedRequest(pool: BodyPool, tally: AcceptedTally): Request {
  return {
    method: 'POST',
    setupRequest: (request, context) => {
      const body = pool.take();
      (context as { body?: SignedBody }).body = body;
      return { ...request, headers: headersFor(body), body: body.raw };
    },
    onResponse: (status, _body, context) => {
      const sent = (context as { body?: SignedBody }).body;
      if (sent && isSuccess(status)) tally.add(sent);
    },
  };
}

function headersFor(body: SignedBody): Record<string, string> {
  return {
    'content-type': 'application/json',
    'x-hub-signature-256': body.signature,
  };
}

function isSuccess(status: number): boolean {
  return status >= 200 && status < 300;
}
