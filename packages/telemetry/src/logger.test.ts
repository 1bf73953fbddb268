import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from './logger.ts';

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _e, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { lines, stream };
}

describe('createLogger', () => {
  it('keeps phone numbers, names, text and secrets out of the line', () => {
    const { lines, stream } = capture();
    const logger = createLogger({ service: 't', level: 'info' }, stream);
    logger.info(
      {
        from: '15551234567',
        contact: { name: 'Test User' },
        text: 'hello',
        token: 'tok',
      },
      'message seen',
    );
    const line = lines.join('');
    expect(line).not.toMatch(/15551234567|Test User|hello|tok"/);
    expect(line).toContain('message seen');
  });

  it('drops the command arguments a Redis error carries', () => {
    const { lines, stream } = capture();
    const logger = createLogger({ service: 't', level: 'info' }, stream);
    const err = Object.assign(new Error('ERR boom'), {
      command: {
        name: 'eval',
        args: ['script', '1', 'p:state:{wamid.X}:15551234567'],
      },
    });
    logger.warn({ err }, 'batch failed');
    const line = lines.join('');
    expect(line).toContain('ERR boom');
    expect(line).not.toContain('15551234567');
  });
});
