import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

// patches/kafkajs+2.2.4.patch rewrites hot spots of kafkajs' producer and
// consumer (applied by `patch-package` on npm install). The broker rejects
// a batch whose CRC or framing is wrong, so the integration tests would
// catch a bad encoding, but only here is it compared byte for byte with
// kafkajs' own code or with the protocol's definition.
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

type Headers = Record<string, string | Buffer | (string | Buffer)[]>;
const encodeRecord = require(`${recordBatch}/record/v0/index.js`) as (record: {
  key: string | null;
  value: string | Buffer | null;
  headers?: Headers;
  offsetDelta?: number;
  timestampDelta?: number;
}) => { buffer: Buffer };
const Decoder = require('kafkajs/src/protocol/decoder.js') as new (
  buffer: Buffer,
) => { readVarInt(): number };
const decodeRecord = require(`${recordBatch}/record/v0/decoder.js`) as (
  decoder: InstanceType<typeof Decoder>,
  batchContext: Record<string, unknown>,
) => { offset: string; key: Buffer; value: Buffer; headers: Headers };

/** Zig-zag LEB128, written from the protocol definition, not kafkajs. */
function varint(value: number): Buffer {
  let v = ((value << 1) ^ (value >> 31)) >>> 0;
  const bytes: number[] = [];
  while (v >= 0x80) {
    bytes.push((v & 0x7f) | 0x80);
    v >>>= 7;
  }
  bytes.push(v);
  return Buffer.from(bytes);
}

const bytesField = (value: string | Buffer) =>
  Buffer.concat([varint(Buffer.byteLength(value)), Buffer.from(value)]);

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

  it('writes varints as the protocol defines them, at every length', () => {
    const edges = [0, 1, -1, 63, 64, -65, 8191, 8192, 2 ** 20, 2 ** 31 - 1];
    for (const value of [...edges, -(2 ** 31), -123_456_789]) {
      const encoder = new Encoder(1) as unknown as {
        writeVarInt(v: number): { buffer: Buffer };
      };
      expect(encoder.writeVarInt(value).buffer).toEqual(varint(value));
    }
  });

  it('encodes a record with headers byte for byte as the protocol defines', () => {
    const value = 'é'.repeat(700); // crosses a power of two once encoded
    const headers: Headers = {
      'webhook-id': 'a'.repeat(64),
      empty: '',
      raw: Buffer.from([0, 255]),
      twice: ['1', '22'],
    };
    const body = Buffer.concat([
      Buffer.from([0]), // attributes
      varint(5), // timestamp delta
      varint(300), // offset delta
      bytesField('k1'),
      bytesField(value),
      varint(5), // header count: one per value
      ...[
        ['webhook-id', 'a'.repeat(64)],
        ['empty', ''],
        ['raw', Buffer.from([0, 255])],
        ['twice', '1'],
        ['twice', '22'],
      ].flatMap(([k, v]) => [bytesField(k as string), bytesField(v as Buffer)]),
    ]);
    const record = { key: 'k1', value, headers, offsetDelta: 300 };
    expect(encodeRecord({ ...record, timestampDelta: 5 }).buffer).toEqual(
      Buffer.concat([varint(body.length), body]),
    );
  });

  it('decodes headers into one object, repeated keys as arrays', () => {
    const headers: Headers = {
      a: 'x',
      twice: ['1', '2', '3'],
      toString: 'not inherited',
      ['__proto__']: 'an own key',
    };
    const encoded = encodeRecord({ key: 'k', value: 'v', headers }).buffer;
    const decoder = new Decoder(encoded);
    decoder.readVarInt(); // the record length, read by the batch decoder
    const record = decodeRecord(decoder, {
      firstOffset: '9007199254740993',
      firstTimestamp: '1733300000000',
      magicByte: 2,
    });
    const text = (v: unknown) => (Array.isArray(v) ? v.map(String) : String(v));
    expect(Object.keys(record.headers)).toEqual(Object.keys(headers));
    expect(Object.getPrototypeOf(record.headers)).toBe(Object.prototype);
    for (const key of Object.keys(headers))
      expect(text(record.headers[key])).toEqual(text(headers[key]));
    expect(record.offset).toBe('9007199254740993');
  });
});
