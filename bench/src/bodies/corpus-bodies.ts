import { loadCorpus } from '@wapipe/testing';
import type { SignedBody } from './signed-body.ts';

interface Envelope {
  entry?: { changes?: { value?: Record<string, unknown> }[] }[];
}

/** Meta's reference corpus, with the exact bytes Meta signed. */
export function corpusBodies(): { appSecret: string; bodies: SignedBody[] } {
  const corpus = loadCorpus();
  const bodies = corpus.bodies.map((body) => {
    const envelope = JSON.parse(body.raw.toString('utf8')) as Envelope;
    const changes = (envelope.entry ?? []).flatMap((e) => e.changes ?? []);
    return {
      raw: body.raw,
      signature: body.signature,
      changes: changes.length,
      updates: changes.reduce((n, c) => n + updatesIn(c.value), 0),
    };
  });
  return { appSecret: corpus.appSecret, bodies };
}

function updatesIn(value: Record<string, unknown> | undefined): number {
  const messages = value?.messages;
  const statuses = value?.statuses;
  return (
    (Array.isArray(messages) ? messages.length : 0) +
    (Array.isArray(statuses) ? statuses.length : 0)
  );
}
