// imageTypeOf: the type of an avatar from its bytes. Real minimal files of each type (1×1 images
// that browsers decode), and near misses that share a prefix with one.
import { describe, expect, it } from 'vitest';
import { IMAGE_EXTENSIONS, imageTypeOf } from '../../src/core/image-type.js';

const bytes = (base64: string) => Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
const text = (value: string) => new TextEncoder().encode(value);

const IMAGES = {
  'image/png': bytes(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  ),
  'image/jpeg': bytes(
    '/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAP//////////////////////////////////////////////////////////////' +
      '////////////////////////wgALCAABAAEBAREA/8QAFBABAAAAAAAAAAAAAAAAAAAAAP/aAAgBAQABPxA=',
  ),
  'image/gif': bytes('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7'),
  'image/webp': bytes('UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA=='),
} as const;

describe('imageTypeOf', () => {
  it.each(Object.entries(IMAGES))('reads %s from a real file', (type, file) => {
    expect(imageTypeOf(file)).toBe(type);
    expect(IMAGE_EXTENSIONS[type as keyof typeof IMAGE_EXTENSIONS]).toMatch(/^[a-z]+$/);
  });

  it('reads a GIF87a as a GIF', () => {
    const gif87 = IMAGES['image/gif'].slice();
    gif87.set(text('GIF87a'));
    expect(imageTypeOf(gif87)).toBe('image/gif');
  });

  it.each([
    ['no bytes', new Uint8Array()],
    ['a PNG cut short of its signature', IMAGES['image/png'].slice(0, 7)],
    ['a PNG signature with a wrong last byte', Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x00])],
    ['a PNG signature with a Unix line ending', Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0a, 0x1a, 0x0a, 0x00])],
    ['a JPEG without its first marker', Uint8Array.from([0xff, 0xd8, 0x00, 0xe0])],
    ['a JPEG start of image alone', Uint8Array.from([0xff, 0xd8])],
    ['GIF88a', text('GIF88a')],
    ['GIF8 alone', text('GIF8')],
    ['a RIFF WAVE file', text('RIFF\u0024\u0000\u0000\u0000WAVEfmt ')],
    ['a RIFF cut before its form type', text('RIFF\u001a\u0000\u0000\u0000WEB')],
    ['WEBP without RIFF', text('RIFX\u001a\u0000\u0000\u0000WEBPVP8L')],
    ['an SVG', text('<svg xmlns="http://www.w3.org/2000/svg"/>')],
    ['a BMP', text('BM\u0000\u0000')],
    ['text', text('not an image')],
    ['a PNG signature later in the file', Uint8Array.from([0, ...IMAGES['image/png']])],
  ])('reads %s as no image', (_label, file) => {
    expect(imageTypeOf(file)).toBeUndefined();
  });
});
