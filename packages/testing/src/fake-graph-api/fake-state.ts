import type { ScriptBook } from './script-book.ts';
import type { ServedMediaStore } from './served-media.ts';
import type { GraphCall } from './types.ts';

/** What the routes of one fake share. */
export interface FakeState {
  /** `{{LOOKASIDE}}`; known once the server listens. */
  baseUrl: string;
  /** Required on every call unless a scripted media names its own. */
  accessToken: string | undefined;
  book: ScriptBook;
  served: ServedMediaStore;
  calls: GraphCall[];
}
