import { once } from 'node:events';
import {
  createServer,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';

/** One download the server answered, as it went. */
export interface ServedDownload {
  startedAt: number;
  bytesSent: number;
  /** All bytes were handed to the socket. */
  completed: boolean;
  /** The client went away before the last byte. */
  cutOff: boolean;
}

export interface ThrottledMediaServer {
  /** Download URL to hand out in a Graph API lookup answer. */
  url: string;
  downloads: ServedDownload[];
  close(): Promise<void>;
}

/**
 * A lookaside host that trickles one media file at `bytesPerSecond`, so
 * a download can be caught half-way. Like Meta's, it refuses requests
 * without the bearer token or a User-Agent (REFERENCE §14.1, §14.5).
 */
export async function startThrottledMediaServer(options: {
  bytes: Buffer;
  mimeType: string;
  accessToken: string;
  bytesPerSecond: number;
}): Promise<ThrottledMediaServer> {
  const downloads: ServedDownload[] = [];
  const server = createServer((request, response) => {
    if (!authorised(request, options.accessToken)) {
      response.writeHead(401).end();
      return;
    }
    const download: ServedDownload = {
      startedAt: Date.now(),
      bytesSent: 0,
      completed: false,
      cutOff: false,
    };
    downloads.push(download);
    trickle(response, download, options);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/whatsapp_business/attachments/?slow=1`,
    downloads,
    close: async () => {
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    },
  };
}

function authorised(request: IncomingMessage, token: string): boolean {
  const userAgent = request.headers['user-agent'] ?? '';
  return (
    request.headers.authorization === `Bearer ${token}` && userAgent !== ''
  );
}

const TICK_MS = 50;

function trickle(
  response: ServerResponse,
  download: ServedDownload,
  options: { bytes: Buffer; mimeType: string; bytesPerSecond: number },
): void {
  const step = Math.max(
    1,
    Math.floor((options.bytesPerSecond * TICK_MS) / 1000),
  );
  response.writeHead(200, {
    'content-type': options.mimeType,
    'content-length': String(options.bytes.length),
  });
  const timer = setInterval(() => {
    const chunk = options.bytes.subarray(
      download.bytesSent,
      download.bytesSent + step,
    );
    response.write(chunk);
    download.bytesSent += chunk.length;
    if (download.bytesSent < options.bytes.length) return;
    clearInterval(timer);
    download.completed = true;
    response.end();
  }, TICK_MS);
  response.once('close', () => {
    clearInterval(timer);
    if (!download.completed) download.cutOff = true;
  });
}

/**
 * A fake Graph API script whose lookup sends the fetcher to `url` (a
 * throttled server) for a media of known digest and size.
 */
export function lookupPointingAt(
  url: string,
  media: { id: string; mime: string; sha256: string; size: number },
) {
  const answer = {
    messaging_product: 'whatsapp',
    url,
    mime_type: media.mime,
    sha256: media.sha256,
    file_size: media.size,
    id: media.id,
  };
  return {
    media_id: media.id,
    lookup: { responses: [{ status: 200, json: answer }] },
  };
}
