import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { link, mkdir, readdir, rm, stat } from 'node:fs/promises';
import { hostname } from 'node:os';
import { dirname, join, resolve, sep } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { pathToFileURL } from 'node:url';
import type { MediaStorage, SaveRequest } from './storage.ts';

/** Temporary files of unfinished downloads, beside the published tree. */
const INCOMING = '.incoming';

/** A dead writer's leftovers from another host are kept this long. */
const FOREIGN_TEMP_MAX_AGE_MS = 60 * 60 * 1000;

/**
 * Media in a local directory. Bytes go to a temporary file in
 * `.incoming/` and are published with link(2), which refuses an existing
 * target: a reader never sees a partial file and nothing is overwritten.
 * Temporary file names start with the host name, so a restarted process
 * can remove what its killed predecessor left half-written.
 */
export function createLocalStorage(dir: string): MediaStorage {
  const root = resolve(dir);
  const incoming = join(root, INCOMING);
  const pathOf = (key: string): string => insideRoot(root, key);
  return {
    uriOf: (key) => pathToFileURL(pathOf(key)).href,
    sizeOf: (key) => sizeAt(pathOf(key)),
    save: (request) => saveAt(pathOf(request.key), incoming, request),
    prepare: () => sweepIncoming(incoming),
    close: () => undefined,
  };
}

// Runs before this process writes anything: every temp file named after
// this host is a dead predecessor's (a restarted container keeps its pod
// name); others' only once they are clearly abandoned.
async function sweepIncoming(incoming: string): Promise<void> {
  await mkdir(incoming, { recursive: true });
  const mine = `${hostname()}-`;
  const cutoff = Date.now() - FOREIGN_TEMP_MAX_AGE_MS;
  for (const name of await readdir(incoming)) {
    const path = join(incoming, name);
    const stale = name.startsWith(mine) || (await mtimeOf(path)) < cutoff;
    if (stale) await rm(path, { force: true });
  }
}

async function mtimeOf(path: string): Promise<number> {
  return (await stat(path).catch(() => undefined))?.mtimeMs ?? Infinity;
}

async function saveAt(
  target: string,
  incoming: string,
  request: SaveRequest,
): Promise<boolean> {
  await mkdir(dirname(target), { recursive: true });
  await mkdir(incoming, { recursive: true });
  const temp = join(incoming, `${hostname()}-${randomUUID()}`);
  try {
    const file = createWriteStream(temp, { flags: 'wx', flush: true });
    await pipeline(request.body, file);
    return await linkOnce(temp, target);
  } finally {
    await rm(temp, { force: true });
  }
}

async function linkOnce(temp: string, target: string): Promise<boolean> {
  try {
    await link(temp, target);
    return true;
  } catch (error) {
    if (errnoCode(error) === 'EEXIST') return false;
    throw error;
  }
}

async function sizeAt(path: string): Promise<number | undefined> {
  try {
    return (await stat(path)).size;
  } catch (error) {
    if (errnoCode(error) === 'ENOENT') return undefined;
    throw error;
  }
}

// Keys are built from checked parts; this is the belt to those braces.
function insideRoot(root: string, key: string): string {
  const path = resolve(root, ...key.split('/'));
  if (!path.startsWith(root + sep)) {
    throw new Error('storage key escapes the media directory');
  }
  return path;
}

function errnoCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | undefined)?.code;
}
