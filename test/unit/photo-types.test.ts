import { expect, it } from 'vitest';
import { sniffPhotoType } from '../../functions/tickets/attachments/limits.ts';

const bytes = (...parts: (number[] | string)[]) =>
  new Uint8Array(parts.flatMap((p) => (typeof p === 'string' ? [...p].map((c) => c.charCodeAt(0)) : p)));

it.each([
  ['a JPEG', bytes([0xff, 0xd8, 0xff, 0xe1], 'Exif'), 'image/jpeg'],
  ['a PNG', bytes([0x89], 'PNG', [0x0d, 0x0a, 0x1a, 0x0a]), 'image/png'],
  ['a WebP', bytes('RIFF', [0x24, 0, 0, 0], 'WEBPVP8 '), 'image/webp'],
  ['an iPhone HEIC', bytes([0, 0, 0, 0x18], 'ftypheic', [0, 0, 0, 0], 'mif1heic'), 'image/heic'],
  ['a HEIF of brand mif1', bytes([0, 0, 0, 0x1c], 'ftypmif1'), 'image/heic'],
])('photo check: %s is recognised by its first bytes', (_, head, type) => {
  expect(sniffPhotoType(head)).toBe(type);
});

it.each([
  ['a GIF', bytes('GIF89a')],
  ['a Windows program', bytes('MZ', [0x90, 0])],
  ['an HTML page named .jpg', bytes('<!doctype html>')],
  ['an MP4 video', bytes([0, 0, 0, 0x18], 'ftypisom')],
  ['a RIFF that is not WebP', bytes('RIFF', [0x24, 0, 0, 0], 'WAVEfmt ')],
  ['nothing', bytes()],
])('photo check: %s is not a photo', (_, head) => {
  expect(sniffPhotoType(head)).toBeNull();
});
