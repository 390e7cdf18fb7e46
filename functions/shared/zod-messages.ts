import { config } from 'zod/mini';
import en from 'zod/v4/locales/en.js';

let configured = false;

/**
 * zod classic sets its English messages as it loads; zod/mini leaves that to us, so that a bundle
 * carries one locale, not all of them. Every path that parses input (routes, `fn`) calls this first.
 */
export function zodMessages() {
  if (configured) return;
  config(en());
  configured = true;
}
