import { beforeAll, describe, expect, it } from 'vitest';
import { useChannels } from '../../functions/notifications/channels/index.ts';
import { type NotifyInput, notify } from '../../functions/notifications/notify.ts';
import type { Notification, OutboxEntry } from '../../functions/notifications/records.ts';
import { AppError } from '../../functions/shared/errors.ts';
import { asSystem, call } from '../support/api.ts';
import { makeHeadOffice, makeProperty, type PropertyWorld } from '../support/world.ts';

let world: PropertyWorld;
let other: PropertyWorld;
let hq: string;
let sequence = 0;

beforeAll(async () => {
  [world, other] = await Promise.all([makeProperty('NA'), makeProperty('NB')]);
  hq = (await makeHeadOffice()).token;
});

type Inbox = { items: Notification[]; cursor: string | null; unreadCount: number };

/** What the SLA job will send: an urgent complaint for one staff member of `world`. */
const urgent = (recipientId: string, overrides: Partial<NotifyInput> = {}): NotifyInput => {
  sequence += 1;
  return {
    propertyId: world.property.id,
    recipientId,
    kind: 'complaint.urgent',
    title: `紧急投诉 #${sequence}：3-1502 漏水`,
    body: '业主王芳来电投诉楼上漏水，请 5 分钟内处理。',
    link: `/tickets/01exampleticket${String(sequence).padStart(4, '0')}`,
    subject: { type: 'ticket', id: `01exampleticket${String(sequence).padStart(4, '0')}` },
    channels: ['inApp', 'email', 'sms'],
    idempotencyKey: `sla:ticket${sequence}:urgent:${recipientId}`,
    ...overrides,
  };
};

const unread = async (token: string) =>
  (await call<{ unreadCount: number }>(token, 'GET', '/api/notifications/unread-count')).body.unreadCount;

const outboxOf = async (notificationId: string) => {
  const reply = await call<{ items: OutboxEntry[] }>(
    world.tokens.property_manager,
    'GET',
    `/api/notifications/properties/${world.property.id}/outbox?limit=100`,
  );
  expect(reply.status).toBe(200);
  return reply.body.items.filter((e) => e.notificationId === notificationId);
};

const inboxOf = async (token: string, query = '') =>
  (await call<Inbox>(token, 'GET', `/api/notifications/inbox${query}`)).body;

describe('inbox', () => {
  it('front desk: sees their unread count go up with a new notification and down when they read it', async () => {
    const token = world.tokens.front_desk;
    const before = await unread(token);
    const sent = await asSystem(() => notify(urgent(world.staff.front_desk.id)));
    expect(await unread(token)).toBe(before + 1);

    const inbox = await inboxOf(token);
    expect(inbox.unreadCount).toBe(before + 1);
    expect(inbox.items[0]).toMatchObject({ id: sent.id, readAt: null, kind: 'complaint.urgent' });
    expect((await inboxOf(token, '?unread=true')).items.map((n) => n.id)).toContain(sent.id);

    const read = await call<Notification & { unreadCount: number }>(
      token,
      'POST',
      `/api/notifications/inbox/${sent.id}/read`,
    );
    expect(read.status).toBe(200);
    expect(read.body.readAt).toEqual(expect.any(String));
    expect(read.body.unreadCount).toBe(before);
    expect(await unread(token)).toBe(before);
    expect((await inboxOf(token, '?unread=true')).items.map((n) => n.id)).not.toContain(sent.id);
  });

  it('front desk: marking the same notification read twice, in turn or at once, counts down once', async () => {
    const token = world.tokens.front_desk;
    const before = await unread(token);
    const [first, second] = await asSystem(() =>
      Promise.all([
        notify(urgent(world.staff.front_desk.id, { channels: ['inApp'] })),
        notify(urgent(world.staff.front_desk.id, { channels: ['inApp'] })),
      ]),
    );
    expect(await unread(token)).toBe(before + 2);

    for (let i = 0; i < 2; i++) {
      const reply = await call(token, 'POST', `/api/notifications/inbox/${first!.id}/read`);
      expect(reply.status).toBe(200);
    }
    expect(await unread(token)).toBe(before + 1);

    const replies = await Promise.all(
      [1, 2, 3].map(() => call(token, 'POST', `/api/notifications/inbox/${second!.id}/read`)),
    );
    expect(replies.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(await unread(token)).toBe(before);
  });

  it('front desk: another staff member’s notification is a 404 and stays unread for them', async () => {
    const theirs = await asSystem(() => notify(urgent(world.staff.technician.id, { channels: ['inApp'] })));
    const technicianBefore = await unread(world.tokens.technician);

    const reply = await call(world.tokens.front_desk, 'POST', `/api/notifications/inbox/${theirs.id}/read`);
    expect(reply.status).toBe(404);
    expect(reply.body).toMatchObject({ error: { code: 'not_found' } });
    const elsewhere = await call(
      world.tokens.front_desk,
      'POST',
      `/api/notifications/inbox/${other.notification.id}/read`,
    );
    expect(elsewhere.status).toBe(404);

    expect((await inboxOf(world.tokens.front_desk)).items.map((n) => n.id)).not.toContain(theirs.id);
    expect(await unread(world.tokens.technician)).toBe(technicianBefore);
    const own = await inboxOf(world.tokens.technician);
    expect(own.items.find((n) => n.id === theirs.id)?.readAt).toBeNull();
  });

  it('front desk: read-all marks every unread notification read and the count goes to zero', async () => {
    const token = world.tokens.front_desk;
    await asSystem(() =>
      Promise.all([1, 2, 3].map(() => notify(urgent(world.staff.front_desk.id, { channels: ['inApp'] })))),
    );
    expect(await unread(token)).toBeGreaterThanOrEqual(3);
    const reply = await call<{ marked: number; unreadCount: number }>(
      token,
      'POST',
      '/api/notifications/inbox/read-all',
    );
    expect(reply.status).toBe(200);
    expect(reply.body.marked).toBeGreaterThanOrEqual(3);
    expect(reply.body.unreadCount).toBe(0);
    expect(await unread(token)).toBe(0);
    expect((await inboxOf(token, '?unread=true')).items).toEqual([]);
    const again = await call<{ marked: number }>(token, 'POST', '/api/notifications/inbox/read-all');
    expect(again.body.marked).toBe(0);
  });

  it('security: pages through their inbox newest first with a cursor', async () => {
    const sent: Notification[] = [];
    for (let i = 0; i < 3; i++)
      sent.push(await asSystem(() => notify(urgent(world.staff.security.id, { channels: ['inApp'] }))));
    const first = await inboxOf(world.tokens.security, '?limit=2');
    expect(first.items.map((n) => n.id)).toEqual([sent[2]!.id, sent[1]!.id]);
    const next = await inboxOf(world.tokens.security, `?limit=2&cursor=${first.cursor}`);
    expect(next.items.map((n) => n.id)[0]).toBe(sent[0]!.id);
    const forged = await call(
      world.tokens.front_desk,
      'GET',
      `/api/notifications/inbox?cursor=${first.cursor}`,
    );
    expect(forged.status).toBe(400);
  });
});

describe('notify', () => {
  it('SLA job: the same idempotency key twice in turn makes one record, one outbox entry per channel, and counts once', async () => {
    const input = urgent(world.staff.property_manager.id, { channels: ['inApp', 'email'] });
    const before = await unread(world.tokens.property_manager);
    const first = await asSystem(() => notify(input));
    const second = await asSystem(() => notify(input));
    expect(second.id).toBe(first.id);
    expect(await unread(world.tokens.property_manager)).toBe(before + 1);
    const inbox = await inboxOf(world.tokens.property_manager);
    expect(inbox.items.filter((n) => n.idempotencyKey === input.idempotencyKey)).toHaveLength(1);
    expect(await outboxOf(first.id)).toHaveLength(1);
  });

  it('SLA job: the same idempotency key from concurrent retries makes one record, one outbox entry, and counts once', async () => {
    const input = urgent(world.staff.property_manager.id, { channels: ['inApp', 'sms'] });
    const before = await unread(world.tokens.property_manager);
    const results = await asSystem(() => Promise.all([1, 2, 3, 4].map(() => notify(input))));
    expect(new Set(results.map((n) => n.id)).size).toBe(1);
    expect(await unread(world.tokens.property_manager)).toBe(before + 1);
    const inbox = await inboxOf(world.tokens.property_manager, '?limit=100');
    expect(inbox.items.filter((n) => n.idempotencyKey === input.idempotencyKey)).toHaveLength(1);
    const outbox = await outboxOf(results[0]!.id);
    expect(outbox).toHaveLength(1);
    expect(outbox[0]).toMatchObject({ channel: 'sms', status: 'sent' });
  });

  it('SLA job: cannot notify someone who does not work in the property', async () => {
    const attempt = asSystem(() => notify(urgent(other.staff.front_desk.id)));
    await expect(attempt).rejects.toBeInstanceOf(AppError);
    await expect(attempt).rejects.toMatchObject({ status: 422, code: 'recipient_not_member' });
  });

  it('SLA job: a notification with a bad link or kind is refused before anything is written', async () => {
    const before = await unread(world.tokens.front_desk);
    await expect(
      asSystem(async () => notify(urgent(world.staff.front_desk.id, { link: 'https://evil.example/x' }))),
    ).rejects.toThrow();
    await expect(
      asSystem(async () => notify({ ...urgent(world.staff.front_desk.id), kind: 'nonsense' as never })),
    ).rejects.toThrow();
    expect(await unread(world.tokens.front_desk)).toBe(before);
  });

  it('SLA job: a failing SMS gateway is recorded as failed and the in-app notification still arrives', async () => {
    const before = await unread(world.tokens.finance);
    const restore = useChannels({
      sms: {
        name: 'broken-sms',
        send: async () => {
          throw new Error('SMS gateway unavailable');
        },
      },
    });
    let sent: Notification;
    try {
      sent = await asSystem(() => notify(urgent(world.staff.finance.id)));
    } finally {
      restore();
    }
    const byChannel = Object.fromEntries(sent.deliveries.map((d) => [d.channel, d]));
    expect(byChannel.inApp).toMatchObject({ status: 'sent' });
    expect(byChannel.email).toMatchObject({ status: 'sent', provider: 'outbox' });
    expect(byChannel.sms).toMatchObject({
      status: 'failed',
      provider: 'broken-sms',
      error: 'SMS gateway unavailable',
    });

    expect(await unread(world.tokens.finance)).toBe(before + 1);
    const stored = (await inboxOf(world.tokens.finance)).items.find((n) => n.id === sent.id);
    expect(stored?.deliveries.find((d) => d.channel === 'sms')).toMatchObject({ status: 'failed' });
    expect(stored?.outboundPending).toBe(false);
    const outbox = await outboxOf(sent.id);
    expect(outbox.find((e) => e.channel === 'sms')).toMatchObject({
      status: 'failed',
      error: 'SMS gateway unavailable',
    });
    expect(outbox.find((e) => e.channel === 'email')).toMatchObject({ status: 'sent' });
  });
  it('SLA job: an unknown SMS provider in the configuration fails that delivery, not the notification', async () => {
    process.env.NOTIFY_SMS = 'pigeon';
    let sent: Notification;
    try {
      sent = await asSystem(() => notify(urgent(world.staff.technician.id)));
    } finally {
      delete process.env.NOTIFY_SMS;
    }
    expect(sent.deliveries.find((d) => d.channel === 'sms')).toMatchObject({
      status: 'failed',
      provider: 'pigeon',
      error: expect.stringContaining('NOTIFY_SMS=pigeon'),
    });
    expect(sent.deliveries.find((d) => d.channel === 'inApp')).toMatchObject({ status: 'sent' });
    expect((await inboxOf(world.tokens.technician)).items[0]?.id).toBe(sent.id);
  });
});

describe('outbox', () => {
  it('property manager: sees what would have been e-mailed and texted, with status, phones masked', async () => {
    const sent = await asSystem(() => notify(urgent(world.staff.front_desk.id)));
    const outbox = await outboxOf(sent.id);
    expect(outbox.map((e) => e.channel).sort()).toEqual(['email', 'sms']);
    expect(outbox.find((e) => e.channel === 'email')).toMatchObject({
      provider: 'outbox',
      status: 'sent',
      to: world.staff.front_desk.email,
      title: sent.title,
      recipientName: world.staff.front_desk.name,
    });
    expect(outbox.find((e) => e.channel === 'sms')).toMatchObject({ to: '139****0000', status: 'sent' });
    expect(sent.deliveries.map((d) => d.status)).toEqual(['sent', 'sent', 'sent']);

    const page = await call(
      world.tokens.property_manager,
      'GET',
      `/api/notifications/properties/${world.property.id}/outbox`,
    );
    expect(JSON.stringify(page.body)).not.toContain('13900000000');
    const first = (page.body as { items: OutboxEntry[] }).items[0];
    expect(first?.notificationId).toBe(sent.id);
  });

  it('head office: reads any property’s outbox; an unknown property is a 404', async () => {
    const reply = await call(hq, 'GET', `/api/notifications/properties/${other.property.id}/outbox`);
    expect(reply.status).toBe(200);
    const unknown = await call(hq, 'GET', '/api/notifications/properties/0000unknown0000/outbox');
    expect(unknown.status).toBe(404);
  });

  it('front desk: may not read the outbox; property manager: not another property’s', async () => {
    const own = await call(
      world.tokens.front_desk,
      'GET',
      `/api/notifications/properties/${world.property.id}/outbox`,
    );
    expect(own.status).toBe(403);
    const elsewhere = await call(
      world.tokens.property_manager,
      'GET',
      `/api/notifications/properties/${other.property.id}/outbox`,
    );
    expect(elsewhere.status).toBe(404);
  });
});
