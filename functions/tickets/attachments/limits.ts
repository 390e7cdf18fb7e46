/**
 * What a photo may be. Shared by the API (declared sizes, the upload policy), the confirm step (the real
 * bytes) and the dashboard (checks before uploading), so the three never disagree.
 */
export const photoTypes = ['image/jpeg', 'image/png', 'image/webp', 'image/heic'] as const;
export type PhotoType = (typeof photoTypes)[number];

export const photoLimits = {
  maxBytes: 10 * 1024 * 1024,
  maxThumbnailBytes: 200 * 1024,
  /** Photos one step of a ticket (registration, completion, …) may carry. */
  perStep: 9,
  /** The browser scales the thumbnail to this many pixels on its long side. */
  thumbnailEdge: 320,
  /** Bytes the confirm step reads to recognise the format. */
  sniffBytes: 32,
} as const;

const ascii = (bytes: Uint8Array, from: number, to: number) =>
  String.fromCharCode(...bytes.subarray(from, to));

/** HEIF brands of HEIC photos (iPhone and Android cameras). */
const heicBrands = new Set(['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'mif1', 'msf1']);

/** The format the bytes actually are (magic numbers), whatever the upload declared; null if none allowed. */
export function sniffPhotoType(bytes: Uint8Array): PhotoType | null {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (bytes.length >= 8 && ascii(bytes, 1, 4) === 'PNG' && bytes[0] === 0x89 && bytes[4] === 0x0d)
    return 'image/png';
  if (bytes.length >= 12 && ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 12) === 'WEBP')
    return 'image/webp';
  if (bytes.length >= 12 && ascii(bytes, 4, 8) === 'ftyp' && heicBrands.has(ascii(bytes, 8, 12)))
    return 'image/heic';
  return null;
}
