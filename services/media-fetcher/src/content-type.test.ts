import { describe, expect, it } from 'vitest';
import { contentTypeProblem } from './content-type.ts';

describe('contentTypeProblem', () => {
  it.each([
    ['audio/ogg', 'audio/ogg; codecs=opus'],
    ['image/jpeg', 'image/jpeg'],
    ['application/octet-stream', 'image/jpeg'],
    [null, 'image/jpeg'],
    ['audio/mp3', 'audio/mpeg'],
    ['text/html', 'text/html'],
  ])('accepts %s for announced %s', (received, announced) => {
    expect(contentTypeProblem(received, announced)).toBeUndefined();
  });

  it.each([
    ['text/html; charset=utf-8', 'image/jpeg'],
    ['text/html', 'application/pdf'],
    ['application/json', 'image/jpeg'],
  ])('refuses %s for announced %s', (received, announced) => {
    expect(contentTypeProblem(received, announced)).toBeDefined();
  });
});
