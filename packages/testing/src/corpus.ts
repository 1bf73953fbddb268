import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sharedDir } from './shared-dir.ts';

/** One body of Meta's reference corpus, with its exact bytes. */
export interface CorpusBody {
  name: string;
  raw: Buffer;
  /** `X-Hub-Signature-256` value for CORPUS_APP_SECRET. */
  signature: string;
  /** False when JSON.stringify(JSON.parse(raw)) differs from the bytes. */
  roundTripEqualsRaw: boolean;
}

interface SignatureFile {
  app_secret: string;
  files: Record<
    string,
    {
      raw_file: string;
      x_hub_signature_256: string;
      json_stringify_roundtrip_equals_raw: boolean;
    }
  >;
}

/** Every `.raw` body listed in the corpus' signatures.json. */
export function loadCorpus(): { appSecret: string; bodies: CorpusBody[] } {
  const dir = join(sharedDir(), 'meta', 'corpus');
  const index = JSON.parse(
    readFileSync(join(dir, 'signatures.json'), 'utf8'),
  ) as SignatureFile;
  const bodies = Object.entries(index.files).map(([name, entry]) => ({
    name,
    raw: readFileSync(join(dir, entry.raw_file)),
    signature: entry.x_hub_signature_256,
    roundTripEqualsRaw: entry.json_stringify_roundtrip_equals_raw,
  }));
  return { appSecret: index.app_secret, bodies };
}
