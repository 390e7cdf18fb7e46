/**
 * The local host's stand-in for S3: objects in a folder (`.data/attachments/`, or a temp folder), uploads
 * and downloads through the local host's `/local-files/` endpoint (infra/local/files.ts), authorised the
 * way S3 authorises presigned requests — an HMAC over what is allowed, with an expiry, in the URL or form.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { photoLimits } from './limits.ts';
import { type AttachmentStorage, downloadTtlSeconds, objectKeyPattern, uploadTtlSeconds } from './storage.ts';

export const localFilesPath = '/local-files';

/** What an upload form is allowed to carry, signed. */
interface UploadPolicy {
  key: string;
  contentType: string;
  size: number;
  /** Epoch seconds. */
  expires: number;
}

const secret = process.env.ATTACHMENTS_SECRET ? Buffer.from(process.env.ATTACHMENTS_SECRET) : randomBytes(32);
const sign = (text: string) => createHmac('sha256', secret).update(text).digest('base64url');
const signedBy = (text: string, signature: string) => {
  const expected = Buffer.from(sign(text));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
};
const nowSeconds = () => Math.floor(Date.now() / 1000);

export const localDir = () => process.env.ATTACHMENTS_DIR ?? join(tmpdir(), 'propdesk-attachments');
/** Uploads wait under pending/ until attached to a ticket; a day later they are pruned, like the S3 rule. */
const pathOf = (state: 'pending' | 'attached', key: string) => join(localDir(), state, key);

async function move(keys: string[], from: 'pending' | 'attached', to: 'pending' | 'attached') {
  for (const key of keys) {
    await mkdir(dirname(pathOf(to, key)), { recursive: true });
    await rename(pathOf(from, key), pathOf(to, key)).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error;
    });
  }
}

async function existing(key: string): Promise<string | null> {
  if (!objectKeyPattern.test(key)) return null;
  for (const state of ['attached', 'pending'] as const) {
    const path = pathOf(state, key);
    if (
      await stat(path).then(
        () => true,
        () => false,
      )
    )
      return path;
  }
  return null;
}

export function localStorage(): AttachmentStorage {
  return {
    name: 'local',
    async createUpload({ key, contentType, size }) {
      const policy: UploadPolicy = { key, contentType, size, expires: nowSeconds() + uploadTtlSeconds };
      const encoded = Buffer.from(JSON.stringify(policy)).toString('base64url');
      return {
        url: `${localFilesPath}/upload`,
        fields: { key, 'Content-Type': contentType, policy: encoded, signature: sign(encoded) },
      };
    },
    async confirm(key) {
      const path = await existing(key);
      if (!path) return null;
      const file = await open(path, 'r');
      try {
        const { size } = await file.stat();
        const head = new Uint8Array(Math.min(size, photoLimits.sniffBytes));
        await file.read(head, 0, head.length, 0);
        return { size, head };
      } finally {
        await file.close();
      }
    },
    async urlFor(key) {
      const expires = nowSeconds() + downloadTtlSeconds;
      return `${localFilesPath}/${key}?expires=${expires}&signature=${sign(`${key}\n${expires}`)}`;
    },
    markAttached: (keys) => move(keys, 'pending', 'attached'),
    markPending: (keys) => move(keys, 'attached', 'pending'),
  };
}

/** Why the local endpoint refuses a request, with the status S3 answers in the same case. */
export class LocalFileRefusal extends Error {
  constructor(
    readonly status: 400 | 403 | 404,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Checks an upload form the way S3 checks a presigned POST, then stores the file as pending. */
export async function receiveUpload(form: {
  key?: string;
  contentType?: string;
  policy?: string;
  signature?: string;
  file?: Uint8Array;
}): Promise<void> {
  if (!form.policy || !form.signature || !signedBy(form.policy, form.signature)) {
    throw new LocalFileRefusal(403, 'signature_mismatch', 'The upload form is not signed by this host');
  }
  const policy = JSON.parse(Buffer.from(form.policy, 'base64url').toString()) as UploadPolicy;
  if (policy.expires < nowSeconds())
    throw new LocalFileRefusal(403, 'expired', 'The upload form has expired');
  if (
    form.key !== policy.key ||
    form.contentType !== policy.contentType ||
    !objectKeyPattern.test(policy.key)
  ) {
    throw new LocalFileRefusal(403, 'policy_mismatch', 'The form does not match its signed policy');
  }
  if (!form.file) throw new LocalFileRefusal(400, 'no_file', 'The form carries no file');
  if (form.file.length !== policy.size) {
    throw new LocalFileRefusal(
      400,
      form.file.length > policy.size ? 'entity_too_large' : 'entity_too_small',
      `The file is ${form.file.length} bytes; the policy allows exactly ${policy.size}`,
    );
  }
  const path = pathOf('pending', policy.key);
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, form.file);
}

/** The bytes behind a signed download URL. */
export async function readSigned(key: string, expires: string, signature: string): Promise<Uint8Array> {
  if (!signedBy(`${key}\n${expires}`, signature)) {
    throw new LocalFileRefusal(403, 'signature_mismatch', 'The link is not signed by this host');
  }
  if (Number(expires) < nowSeconds()) throw new LocalFileRefusal(403, 'expired', 'The link has expired');
  const path = await existing(key);
  if (!path) throw new LocalFileRefusal(404, 'no_such_key', 'No such file');
  return readFile(path);
}

/** Removes pending uploads older than a day (the local host runs it at start, as S3 runs its lifecycle). */
export async function prunePending(maxAgeMs = 24 * 3600_000): Promise<number> {
  const root = join(localDir(), 'pending');
  let removed = 0;
  const entries = await readdir(root, { recursive: true, withFileTypes: true }).catch(() => []);
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    const { mtimeMs } = await stat(path);
    if (Date.now() - mtimeMs > maxAgeMs) {
      await rm(path);
      removed += 1;
    }
  }
  return removed;
}
