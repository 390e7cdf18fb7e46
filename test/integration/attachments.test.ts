import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Ticket } from '../../functions/tickets/records.ts';
import { app, call } from '../support/api.ts';
import { makeProperty, type PropertyWorld } from '../support/world.ts';

/** Photos end to end on the local host's storage: a temp folder, uploads through its signed forms. */
const dir = await mkdtemp(join(tmpdir(), 'propdesk-attachments-test-'));
process.env.ATTACHMENTS_STORE = 'local';
process.env.ATTACHMENTS_DIR = dir;

let a: PropertyWorld;
let b: PropertyWorld;

beforeAll(async () => {
  [a, b] = await Promise.all([makeProperty('PA'), makeProperty('PB')]);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const bytes = (magic: number[], size: number) => {
  const out = new Uint8Array(size).fill(7);
  out.set(magic);
  return out;
};
const jpeg = (size: number) => bytes([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46], size);
const png = (size: number) => bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], size);

interface Post {
  url: string;
  fields: Record<string, string>;
}
interface Upload {
  attachmentId: string;
  upload: Post;
  thumbnailUpload: Post;
}
interface Photo {
  id: string;
  state: string;
  step: string | null;
  thumbnailUrl: string;
  url: string;
}
type Detail = { ticket: Ticket; photos: Photo[] };

const base = (w: PropertyWorld) => `/api/tickets/properties/${w.property.id}`;

/** What the browser does with a presigned POST: the signed fields, then the file. */
async function send(post: Post, file: Uint8Array, fields: Record<string, string> = {}) {
  const form = new FormData();
  for (const [name, value] of Object.entries({ ...post.fields, ...fields })) form.append(name, value);
  form.append('file', new Blob([file as Uint8Array<ArrayBuffer>]));
  const response = await app.request(post.url, { method: 'POST', body: form });
  return { status: response.status, body: await response.text() };
}

async function askUpload(w: PropertyWorld, token: string, declared: Record<string, unknown> = {}) {
  return call<Upload>(token, 'POST', `${base(w)}/attachments`, {
    fileName: '漏水.jpg',
    contentType: 'image/jpeg',
    size: 5000,
    thumbnailSize: 800,
    ...declared,
  });
}

const confirm = (w: PropertyWorld, token: string, attachmentId: string) =>
  call<{ photo: Photo }>(token, 'POST', `${base(w)}/attachments/${attachmentId}/confirm`);

/** A photo uploaded and confirmed by `token`'s holder; returns its id. */
async function photo(
  w: PropertyWorld,
  token: string,
  original = jpeg(5000),
  contentType = 'image/jpeg',
): Promise<string> {
  const asked = await askUpload(w, token, { size: original.length, contentType });
  expect(asked.status, JSON.stringify(asked.body)).toBe(201);
  expect((await send(asked.body.upload, original)).status).toBe(204);
  expect((await send(asked.body.thumbnailUpload, jpeg(800))).status).toBe(204);
  const confirmed = await confirm(w, token, asked.body.attachmentId);
  expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(200);
  expect(confirmed.body.photo.state).toBe('ready');
  return asked.body.attachmentId;
}

async function repairInProgress(w: PropertyWorld): Promise<Ticket> {
  const opened = await call<{ ticket: Ticket }>(w.tokens.front_desk, 'POST', `${base(w)}/contacts`, {
    time: new Date().toISOString(),
    channel: 'phone',
    caller: { name: '王芳', phone: '13812345678' },
    unitId: w.unit.id,
    householdId: w.household.id,
    category: 'repair',
    summary: '厨房水龙头漏水',
  });
  let ticket = opened.body.ticket;
  const steps: [keyof PropertyWorld['tokens'], string, Record<string, unknown>][] = [
    ['front_desk', 'verify', { inScope: true }],
    [
      'front_desk',
      'dispatch',
      { technicianId: w.staff.technician.id, appointmentAt: '2026-11-24T02:00:00.000Z' },
    ],
    ['technician', 'start', {}],
  ];
  for (const [role, action, input] of steps) {
    const reply = await act(w, w.tokens[role], ticket, action, input);
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    ticket = reply.body.ticket;
  }
  return ticket;
}

const act = (w: PropertyWorld, token: string, ticket: Ticket, action: string, input: unknown) =>
  call<{ ticket: Ticket }>(token, 'POST', `${base(w)}/tickets/${ticket.id}/actions/${action}`, {
    version: ticket.version,
    input,
  });

const complete = (photoIds: string[]) => ({ workDone: '更换水龙头阀芯', feeCents: 0, photoIds });

describe('a repair with photos', () => {
  it('technician: completes a repair with two photos; the ticket shows thumbnails whose links return the bytes', async () => {
    const ticket = await repairInProgress(a);
    const original = jpeg(7000);
    const ids = [await photo(a, a.tokens.technician, original), await photo(a, a.tokens.technician)];
    const done = await act(a, a.tokens.technician, ticket, 'complete', complete(ids));
    expect(done.status, JSON.stringify(done.body)).toBe(200);

    const detail = await call<Detail>(a.tokens.front_desk, 'GET', `${base(a)}/tickets/${ticket.id}`);
    expect(detail.body.photos.map((p) => [p.id, p.state, p.step])).toEqual(
      ids.map((id) => [id, 'attached', 'complete']),
    );
    const thumbnail = await app.request(detail.body.photos[0]!.thumbnailUrl);
    expect(thumbnail.status).toBe(200);
    expect(thumbnail.headers.get('content-type')).toBe('image/jpeg');
    expect(new Uint8Array(await thumbnail.arrayBuffer())).toEqual(jpeg(800));
    const full = await app.request(detail.body.photos[0]!.url);
    expect(new Uint8Array(await full.arrayBuffer())).toEqual(original);

    const list = await call<{ items: { id: string; thumbnails: { id: string; thumbnailUrl: string }[] }[] }>(
      a.tokens.front_desk,
      'GET',
      `${base(a)}/tickets?kind=repair&state=completed`,
    );
    const row = list.body.items.find((t) => t.id === ticket.id)!;
    expect(row.thumbnails.map((t) => t.id)).toEqual(ids);
    expect((await app.request(row.thumbnails[0]!.thumbnailUrl)).status).toBe(200);
  });

  it('front desk: registers a repair with a photo taken at the counter', async () => {
    const id = await photo(a, a.tokens.front_desk, png(3000), 'image/png');
    const reply = await call<{ ticket: Ticket }>(a.tokens.front_desk, 'POST', `${base(a)}/contacts`, {
      time: new Date().toISOString(),
      channel: 'visit',
      caller: { name: '王芳' },
      unitId: a.unit.id,
      category: 'repair',
      summary: '阳台玻璃裂了',
      ticket: { photoIds: [id] },
    });
    expect(reply.status, JSON.stringify(reply.body)).toBe(201);
    const detail = await call<Detail>(
      a.tokens.front_desk,
      'GET',
      `${base(a)}/tickets/${reply.body.ticket.id}`,
    );
    expect(detail.body.photos.map((p) => [p.id, p.step])).toEqual([[id, 'create']]);
  });

  it('front desk: records a complaint with the photo the complainant showed', async () => {
    const id = await photo(a, a.tokens.front_desk);
    const reply = await call<{ ticket: Ticket }>(a.tokens.front_desk, 'POST', `${base(a)}/contacts`, {
      time: new Date().toISOString(),
      channel: 'visit',
      caller: { name: '王芳' },
      unitId: a.unit.id,
      category: 'complaint',
      summary: '楼道堆放杂物',
      ticket: { category: 'environment', photoIds: [id] },
    });
    expect(reply.status, JSON.stringify(reply.body)).toBe(201);
    expect(reply.body.ticket.photoIds).toEqual([id]);
  });

  it('technician: cannot attach an upload that was never confirmed, nor one already on another ticket', async () => {
    const ticket = await repairInProgress(a);
    const unconfirmed = await askUpload(a, a.tokens.technician);
    await send(unconfirmed.body.upload, jpeg(5000));
    const refused = await act(
      a,
      a.tokens.technician,
      ticket,
      'complete',
      complete([unconfirmed.body.attachmentId]),
    );
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ error: { code: 'photo_not_ready', details: { state: 'pending' } } });

    const used = await photo(a, a.tokens.technician);
    const other = await repairInProgress(a);
    expect((await act(a, a.tokens.technician, other, 'complete', complete([used]))).status).toBe(200);
    const twice = await act(a, a.tokens.technician, ticket, 'complete', complete([used]));
    expect(twice.status).toBe(422);
    const unchanged = await call<Detail>(a.tokens.front_desk, 'GET', `${base(a)}/tickets/${ticket.id}`);
    expect(unchanged.body.ticket).toMatchObject({ state: 'in_progress', version: ticket.version });
    expect(unchanged.body.photos).toEqual([]);
  });

  it('technician: at most 9 photos per step', async () => {
    const ticket = await repairInProgress(a);
    const ten = Array.from({ length: 10 }, (_, i) => `0000photo${i}000`);
    expect((await act(a, a.tokens.technician, ticket, 'complete', complete(ten))).status).toBe(400);
  });
});

describe('upload limits', () => {
  it('technician: a photo over 10 MB, or a thumbnail over 200 KB, is refused before any upload', async () => {
    const big = await askUpload(a, a.tokens.technician, { size: 10 * 1024 * 1024 + 1 });
    expect(big.status).toBe(400);
    expect(big.body).toMatchObject({ error: { code: 'invalid_input' } });
    expect((await askUpload(a, a.tokens.technician, { thumbnailSize: 200 * 1024 + 1 })).status).toBe(400);
  });

  it('technician: only JPEG, PNG, WebP or HEIC photos are taken', async () => {
    const gif = await askUpload(a, a.tokens.technician, { contentType: 'image/gif', fileName: 'x.gif' });
    expect(gif.status).toBe(400);
    const pdf = await askUpload(a, a.tokens.technician, { contentType: 'application/pdf' });
    expect(pdf.status).toBe(400);
  });

  it('technician: sending more bytes than declared, or another content type than signed, is refused by the storage', async () => {
    const asked = await askUpload(a, a.tokens.technician);
    expect((await send(asked.body.upload, jpeg(5001))).status).toBe(400);
    expect((await send(asked.body.upload, jpeg(4999))).status).toBe(400);
    expect((await send(asked.body.upload, jpeg(5000), { 'Content-Type': 'text/html' })).status).toBe(403);
    expect((await confirm(a, a.tokens.technician, asked.body.attachmentId)).body).toMatchObject({
      error: { code: 'upload_missing' },
    });
  });

  it('technician: bytes that are not the declared image type are refused when confirmed (422)', async () => {
    const asked = await askUpload(a, a.tokens.technician);
    // A PNG (or an executable) declared as a JPEG: the signed policy passes, the magic numbers do not.
    await send(asked.body.upload, png(5000));
    await send(asked.body.thumbnailUpload, jpeg(800));
    const reply = await confirm(a, a.tokens.technician, asked.body.attachmentId);
    expect(reply.status).toBe(422);
    expect(reply.body).toMatchObject({
      error: { code: 'upload_type_mismatch', details: { declared: 'image/jpeg', actual: 'image/png' } },
    });
    const ticket = await repairInProgress(a);
    expect(
      (await act(a, a.tokens.technician, ticket, 'complete', complete([asked.body.attachmentId]))).status,
    ).toBe(422);
  });

  it('anyone: a tampered or expired upload form, or download link, gets 403', async () => {
    const asked = await askUpload(a, a.tokens.technician);
    const policy = JSON.parse(Buffer.from(asked.body.upload.fields.policy!, 'base64url').toString());
    const widened = Buffer.from(JSON.stringify({ ...policy, size: 50_000_000 })).toString('base64url');
    expect((await send(asked.body.upload, jpeg(5000), { policy: widened })).status).toBe(403);
    const other = await askUpload(a, a.tokens.technician);
    expect((await send(asked.body.upload, jpeg(5000), { key: other.body.upload.fields.key! })).status).toBe(
      403,
    );

    const id = await photo(a, a.tokens.technician);
    const { body } = await confirm(a, a.tokens.technician, id);
    expect((await app.request(body.photo.url)).status).toBe(200);
    expect((await app.request(body.photo.url.replace('/original?', '/thumbnail?'))).status).toBe(403);
    expect((await app.request(body.photo.url.replace(/signature=./, 'signature=A'))).status).toBe(403);

    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 16 * 60_000 });
    try {
      expect((await app.request(body.photo.url)).status).toBe(403);
      expect((await send(other.body.upload, jpeg(5000))).status).toBe(403);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('another property', () => {
  it("front desk of B: cannot confirm, attach or see A's photos", async () => {
    const id = await photo(a, a.tokens.technician);
    expect([403, 404]).toContain((await confirm(a, b.tokens.front_desk, id)).status);
    expect([403, 404]).toContain((await confirm(b, b.tokens.front_desk, id)).status);

    const theirs = await call<{ ticket: Ticket }>(b.tokens.front_desk, 'POST', `${base(b)}/contacts`, {
      time: new Date().toISOString(),
      channel: 'visit',
      caller: { name: '李强' },
      unitId: b.unit.id,
      category: 'repair',
      summary: '门锁坏了',
      ticket: { photoIds: [id] },
    });
    expect(theirs.status).toBe(422);
    expect(theirs.body).toMatchObject({ error: { code: 'photo_not_ready', details: { photoId: id } } });

    const ticket = await repairInProgress(a);
    await act(a, a.tokens.technician, ticket, 'complete', complete([id]));
    expect([403, 404]).toContain(
      (await call(b.tokens.front_desk, 'GET', `${base(a)}/tickets/${ticket.id}`)).status,
    );
  });
});
