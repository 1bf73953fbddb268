import { describe, expect, it } from 'vitest';
import { extensionFor } from './media-extension.ts';

describe('extensionFor', () => {
  it.each([
    ['audio/ogg; codecs=opus', 'ogg'],
    ['audio/ogg', 'ogg'],
    ['audio/mpeg', 'mp3'],
    ['application/pdf', 'pdf'],
    ['image/jpeg', 'jpg'],
    ['image/webp', 'webp'],
    ['video/mp4', 'mp4'],
    ['image/png', 'png'],
    ['audio/aac', 'aac'],
    ['AUDIO/OGG ; codecs=opus', 'ogg'],
    [
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      'docx',
    ],
  ])('maps %s to %s', (mime, extension) => {
    expect(extensionFor(mime)).toBe(extension);
  });

  it.each([null, '', 'application/x-unheard-of', 'not a mime'])(
    'falls back to bin for %s',
    (mime) => {
      expect(extensionFor(mime)).toBe('bin');
    },
  );
});
