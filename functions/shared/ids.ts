import { randomBytes } from 'node:crypto';

const alphabet = '0123456789abcdefghjkmnpqrstvwxyz';

/** Time-ordered, URL-safe id (48-bit millisecond time + 60 random bits, Crockford base32, lower case). */
export function newId(now = Date.now()): string {
  let time = '';
  let t = now;
  for (let i = 0; i < 10; i++) {
    time = alphabet[t % 32] + time;
    t = Math.floor(t / 32);
  }
  const random = randomBytes(12);
  let tail = '';
  for (let i = 0; i < 12; i++) tail += alphabet[random[i]! % 32];
  return time + tail;
}

export const idPattern = /^[0-9a-z]{4,40}$/;
