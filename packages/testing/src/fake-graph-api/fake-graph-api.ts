import Fastify from 'fastify';
import type { FastifyInstance } from 'fastify';
import type { FakeState } from './fake-state.ts';
import { registerDownloadRoute } from './download-route.ts';
import { registerLookupRoute } from './lookup-route.ts';
import { ScriptBook } from './script-book.ts';
import { ServedMediaStore } from './served-media.ts';
import type {
  GraphCall,
  GraphCallKind,
  GraphMediaSpec,
  ServedMedia,
} from './types.ts';

export interface FakeGraphApiOptions {
  /** Bearer token every call must carry; unset means any or none. */
  accessToken?: string;
  /** Lifetime of the download URLs of served media; Meta's is 5 minutes. */
  urlTtlMs?: number;
}

export interface FakeGraphApi {
  /** `http://127.0.0.1:<port>`; also what `{{LOOKASIDE}}` stands for. */
  baseUrl: string;
  /** Every request received, in order. */
  calls: GraphCall[];
  /** Adds (or replaces) scripted media, per the `graph_api` case section. */
  script(media: GraphMediaSpec[], options?: { accessToken?: string }): void;
  /** Serves these bytes for a media id; digest and size are computed. */
  serveMedia(
    id: string,
    bytes: Buffer,
    mimeType: string,
    options?: { accessToken?: string },
  ): ServedMedia;
  callsFor(mediaId: string, kind?: GraphCallKind): GraphCall[];
  /** Forgets scripts, served media and recorded calls. */
  reset(): void;
  close(): Promise<void>;
}

/**
 * A stand-in for Meta's Graph API media endpoints and lookaside host
 * (REFERENCE §14-15), listening on a free loopback port.
 */
export async function startFakeGraphApi(
  options: FakeGraphApiOptions = {},
): Promise<FakeGraphApi> {
  const { app, state } = buildFakeGraphApi(options);
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  state.baseUrl = address;
  return handleFor(app, state);
}

/** The server without a port, for `inject` tests. */
export function buildFakeGraphApi(options: FakeGraphApiOptions = {}): {
  app: FastifyInstance;
  state: FakeState;
} {
  const state: FakeState = {
    baseUrl: 'http://fake-graph.invalid',
    accessToken: options.accessToken,
    book: new ScriptBook(),
    served: new ServedMediaStore(options.urlTtlMs ?? 300_000),
    calls: [],
  };
  const app = Fastify({ logger: false });
  registerDownloadRoute(app, state);
  registerLookupRoute(app, state);
  return { app, state };
}

function handleFor(app: FastifyInstance, state: FakeState): FakeGraphApi {
  return {
    baseUrl: state.baseUrl,
    calls: state.calls,
    script: (media, opts) => state.book.add(media, opts?.accessToken),
    serveMedia: (id, bytes, mimeType, opts) =>
      state.served.add(id, bytes, mimeType, opts?.accessToken),
    callsFor: (mediaId, kind) =>
      state.calls.filter(
        (c) => c.mediaId === mediaId && (!kind || c.kind === kind),
      ),
    reset: () => {
      state.book.clear();
      state.served.clear();
      state.calls.length = 0;
    },
    close: () => app.close(),
  };
}
