import { changeValues } from './webhook-walk.ts';

/** Identities as the processor dedupes them (DESIGN.md, Processor). */
export interface SentIdentities {
  messages: string[];
  statuses: string[];
  events: string[];
}

/** Every identity in the accepted bodies, one entry per delivery. */
export function sentIdentities(bodies: readonly Buffer[]): SentIdentities {
  const sent: SentIdentities = { messages: [], statuses: [], events: [] };
  for (const change of bodies.flatMap(changeValues)) {
    if (change.field !== 'messages') {
      sent.events.push(`${change.field} ${JSON.stringify(change.value)}`);
      continue;
    }
    for (const message of change.messages ?? []) {
      sent.messages.push(`${change.phoneNumberId} ${String(message.id)}`);
    }
    for (const status of change.statuses ?? []) {
      sent.statuses.push(`${String(status.id)} ${String(status.status)}`);
    }
  }
  return sent;
}
