import type autocannon from 'autocannon';
import { corpusBodies } from '../bodies/corpus-bodies.ts';
import type { SignedBody } from '../bodies/signed-body.ts';
import { WebhookGenerator } from '../bodies/webhook-generator.ts';
import type { AcceptedTally } from './accepted-tally.ts';
import type { BodySource } from './load-plan.ts';

type Request = autocannon.Request;

/** Autocannon's request list for a body source; 2xx answers are tallied. */
export function webhookRequests(
  source: BodySource,
  tally: AcceptedTally,
): Request[] {
  if (source.kind === 'corpus') {
    return corpusBodies().bodies.map((body) => fixedRequest(body, tally));
  }
  const generator = new WebhookGenerator(source.runId, source.appSecret);
  return [generatedRequest(generator, tally)];
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
function generatedRequest(
  generator: WebhookGenerator,
  tally: AcceptedTally,
): Request {
  return {
    method: 'POST',
    setupRequest: (request, context) => {
      const body = generator.next();
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
