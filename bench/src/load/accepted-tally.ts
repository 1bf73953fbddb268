import type { SignedBody } from '../bodies/signed-body.ts';
import type { Accepted } from './load-plan.ts';

/**
 * Adds up what the 2xx answers stand for (records the ingress must have
 * written, updates the processor must publish), per phase of the load.
 */
export class AcceptedTally {
  private current = emptyAccepted();

  add(body: SignedBody): void {
    this.current.requests += 1;
    this.current.changes += body.changes;
    this.current.updates += body.updates;
  }

  /** Returns what was added since the last call and starts afresh. */
  take(): Accepted {
    const taken = this.current;
    this.current = emptyAccepted();
    return taken;
  }
}

export function emptyAccepted(): Accepted {
  return { requests: 0, changes: 0, updates: 0 };
}

export function addAccepted(a: Accepted, b: Accepted): Accepted {
  return {
    requests: a.requests + b.requests,
    changes: a.changes + b.changes,
    updates: a.updates + b.updates,
  };
}
