import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { link, mkdir, rm, stat } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { pathToFileURL } from 'node:url';
import type { MediaStorage, SaveRequest } from './storage.ts';

/**
 * Media in a local directory. Bytes go to a temporary file beside the
 * target and are published with link(2), which refuses an existing
 * target: a reader never sees a partial file and nothing is overwritten.
 */
export function createLocalStorage(dir: string): MediaStorage {
  const root = resolve(dir);
  const pathOf = (key: string): string => insideRoot(root, key);
  return {
    uriOf: (key) => pathToFileURL(pathOf(key)).href,
    sizeOf: (key) => sizeAt(pathOf(key)),
    save: (request) => saveAt(pathOf(request.key), request),
    close: () => undefined,
  };
}

async function saveAt(target: string, request: SaveRequest): Promise<boolean> {
  await mkdir(dirname(target), { recursive: true });
  const temp = join(dirname(target), `.incoming-${randomUUID()}`);
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
