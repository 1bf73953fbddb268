import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

// patches/kafkajs+2.2.4.patch swaps two hot spots of kafkajs' producer
// (applied by `patch-package` on npm install). The broker rejects a batch
// whose CRC is wrong, so the integration tests would catch a bad checksum,
// but only here is it compared byte for byte with kafkajs' own code.
const require = createRequire(import.meta.url);
const recordBatch = 'kafkajs/src/protocol/recordBatch';
const patchedCrc = require(`${recordBatch}/crc32C/index.js`) as (
  buffer: Buffer,
) => number;
const kafkajsCrc = require(`${recordBatch}/crc32C/crc32C.js`) as (
  buffer: Buffer,
) => number;
const Encoder = require('kafkajs/src/protocol/encoder.js') as new (
  initialSize?: number,
) => {
  writeString(value: string): unknown;
  writeVarIntString(value: string): unknown;
  writeBytes(value: Buffer): unknown;
  writeInt64(value: string): unknown;
  buffer: Buffer;
};

const murmur2 =
  require('kafkajs/src/producer/partitioners/default/murmur2.js') as (
    key: string | Buffer,
  ) => number;

describe('the kafkajs patch', () => {
  it('is applied: the CRC-32C no longer runs the table-driven loop', () => {
    expect(patchedCrc.toString()).toContain('crc32c(buffer)');
  });

  it('computes the same unsigned CRC-32C as kafkajs, for any bytes', () => {
    for (const size of [0, 1, 7, 64, 1500, 65_537]) {
      const bytes = randomBytes(size);
      expect(patchedCrc(bytes)).toBe(kafkajsCrc(bytes) >>> 0);
    }
    // The check value of CRC-32C (Castagnoli) from its definition.
    expect(patchedCrc(Buffer.from('123456789'))).toBe(0xe3069283);
  });

  it('encodes without exposing unwritten bytes of an unzeroed buffer', () => {
    // Dirty the pool allocUnsafe draws from, then encode across a regrowth.
    Buffer.allocUnsafe(8192).fill(0xff);
    const encoder = new Encoder(8);
    encoder.writeString('wa');
    encoder.writeVarIntString('hé');
    encoder.writeBytes(Buffer.alloc(40, 7));
    encoder.writeInt64('-1');
    const expected = Buffer.concat([
      Buffer.from([0, 2]),
      Buffer.from('wa'),
      Buffer.from([6]), // zig-zag varint of 3 bytes
      Buffer.from('hé'),
      Buffer.from([0, 0, 0, 40]),
      Buffer.alloc(40, 7),
      Buffer.alloc(8, 0xff),
    ]);
    expect(encoder.buffer).toEqual(expected);
  });

  it('hashes keys exactly as Kafka does, so partitions stay where they were', () => {
    // Kafka's own murmur2 test vectors (clients' UtilsTest).
    const vectors: [string, number][] = [
      ['21', -973932308],
      ['foobar', -790332482],
      ['a-little-bit-long-string', -985981536],
      ['a-little-bit-longer-string', -1486304829],
      ['lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8', -58897971],
      ['abc', 479470107],
    ];
    for (const [key, hash] of vectors) expect(murmur2(key)).toBe(hash);
    expect(murmur2(Buffer.from('abc'))).toBe(479470107);
  });
});
