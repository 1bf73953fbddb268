import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createLocalStorage } from './local-storage.ts';
import { tempDir } from './test-support.ts';

const KEY = `200/${'a'.repeat(64)}.pdf`;
const save = (body: Readable) => ({
  key: KEY,
  body,
  contentType: 'application/pdf',
  metadata: {},
});

describe('local storage', () => {
  it('stores the bytes under the key and names them by file uri', async () => {
    const dir = await tempDir('local');
    const storage = createLocalStorage(dir);
    expect(await storage.save(save(Readable.from([Buffer.from('pdf')])))).toBe(
      true,
    );
    const path = fileURLToPath(storage.uriOf(KEY));
    expect(path).toBe(join(dir, KEY));
    expect(await readFile(path, 'utf8')).toBe('pdf');
    expect(await storage.sizeOf(KEY)).toBe(3);
  });

  it('writes once: a second save keeps the first object', async () => {
    const storage = createLocalStorage(await tempDir('local'));
    await storage.save(save(Readable.from([Buffer.from('first')])));
    const again = await storage.save(save(Readable.from([Buffer.from('2nd')])));
    expect(again).toBe(false);
    expect(await readFile(fileURLToPath(storage.uriOf(KEY)), 'utf8')).toBe(
      'first',
    );
  });

  it('commits nothing when the body fails, and leaves no temp file', async () => {
    const dir = await tempDir('local');
    const storage = createLocalStorage(dir);
    const failing = new Readable({ read() {} });
    const saving = storage.save(save(failing));
    failing.push(Buffer.from('partial'));
    failing.destroy(new Error('bytes were wrong'));
    await expect(saving).rejects.toThrow('bytes were wrong');
    expect(await storage.sizeOf(KEY)).toBeUndefined();
    expect(await readdir(join(dir, '200'))).toEqual([]);
  });

  it('answers undefined for a missing object', async () => {
    const storage = createLocalStorage(await tempDir('local'));
    expect(await storage.sizeOf(KEY)).toBeUndefined();
  });
});
