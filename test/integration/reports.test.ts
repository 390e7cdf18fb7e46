import Excel from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { updateProperty } from '../../functions/directory/properties.ts';
import { runJob } from '../../functions/jobs/run.ts';
import type { Notification } from '../../functions/notifications/records.ts';
import { zonedInstant } from '../../functions/reports/periods.ts';
import { propertyStore } from '../../functions/shared/store.ts';
import { keys } from '../../functions/shared/table.ts';
import { addDays } from '../../functions/tickets/ledger-review.ts';
import { localDay } from '../../functions/tickets/local-day.ts';
import type { Ticket } from '../../functions/tickets/records.ts';
import { app, asSystem, call } from '../support/api.ts';
import { deskContact, makeHeadOffice, makeProperty, type PropertyWorld } from '../support/world.ts';

type Summary = { kind: string; period: string; status: string; readyAt: string | null };
type Row = { ticketId: string; reason?: { reason: string }; completedAt?: string };
type Loaded = {
  summary: Summary;
  repairs?: { done: Row[]; notDone: Row[] };
  complaints?: { ticketId: string; reply: string; state: string }[];
  opens: { staffId: string }[];
};

const run = (at: Date | string) =>
  asSystem(() => runJob({ job: 'standard-reports', scheduledAt: new Date(at).toISOString() }));

const reportPath = (w: PropertyWorld, kind: string, period: string) =>
  `/api/tickets/properties/${w.property.id}/reports/${kind}/${period}`;

async function report(w: PropertyWorld, kind: string, period: string, token = w.tokens.property_manager) {
  return call<Loaded>(token, 'GET', reportPath(w, kind, period));
}

/** Every report record of the property, read from its partition. */
async function producedReports(w: PropertyWorld): Promise<{ kind: string; period: string }[]> {
  return asSystem(async () => {
    const page = await propertyStore(w.property.id).query<{ kind: string; period: string }>({
      partition: keys.property(w.property.id).pk,
      beginsWith: 'REPORT#',
      limit: 500,
    });
    return page.items.map(({ kind, period }) => ({ kind, period }));
  });
}

async function notificationsOf(w: PropertyWorld, kind: string): Promise<Notification[]> {
  return asSystem(async () => {
    const page = await propertyStore(w.property.id).query<Notification>({
      partition: keys.property(w.property.id).pk,
      beginsWith: 'NOTIFICATION#',
      limit: 500,
    });
    return page.items.filter((n) => n.kind === kind);
  });
}

async function act(w: PropertyWorld, token: string, ticket: Ticket, action: string, input: object) {
  const current = await call<{ ticket: Ticket }>(
    token,
    'GET',
    `/api/tickets/properties/${w.property.id}/tickets/${ticket.id}`,
  );
  const reply = await call<{ ticket: Ticket }>(
    token,
    'POST',
    `/api/tickets/properties/${w.property.id}/tickets/${ticket.id}/actions/${action}`,
    { version: current.body.ticket.version, input },
  );
  expect(reply.status, JSON.stringify(reply.body)).toBe(200);
  return reply.body.ticket;
}

async function repair(w: PropertyWorld, summary: string): Promise<Ticket> {
  const reply = await call<{ ticket: Ticket }>(
    w.tokens.front_desk,
    'POST',
    `/api/tickets/properties/${w.property.id}/contacts`,
    deskContact(w, { category: 'repair', summary }),
  );
  expect(reply.status, JSON.stringify(reply.body)).toBe(201);
  return reply.body.ticket;
}

async function completedRepair(w: PropertyWorld): Promise<Ticket> {
  const t = await repair(w, '厨房水龙头滴水');
  await act(w, w.tokens.front_desk, t, 'verify', { inScope: true });
  await act(w, w.tokens.front_desk, t, 'dispatch', {
    technicianId: w.staff.technician.id,
    appointmentAt: new Date().toISOString(),
  });
  await act(w, w.tokens.technician, t, 'start', {});
  return act(w, w.tokens.technician, t, 'complete', { workDone: '更换阀芯', feeCents: 0, photoIds: [] });
}

async function inTimeZone(w: PropertyWorld, timeZone: string) {
  const property = await asSystem(() =>
    updateProperty({ propertyId: w.property.id, changes: { version: w.property.version, timeZone } }),
  );
  w.property = property as PropertyWorld['property'];
}

describe('standard reports, produced by the job at explicit instants', () => {
  let sh: PropertyWorld;
  let ny: PropertyWorld;
  let done: Ticket;
  let open: Ticket;
  let today: string;

  beforeAll(async () => {
    sh = await makeProperty('RPS');
    ny = await makeProperty('RPN');
    await inTimeZone(ny, 'America/New_York');
    done = await completedRepair(sh);
    open = await repair(sh, '阳台灯不亮');
    today = localDay(new Date(), sh.property.timeZone);
  });

  it('front desk: the 17:10 reconciliation of today appears at 17:10 property time, not a minute before, and once', async () => {
    const at1710 = zonedInstant(today, '17:10', 'Asia/Shanghai');
    await run(new Date(at1710.getTime() - 60_000));
    expect(
      (await producedReports(sh)).filter((r) => r.kind === 'repairs-daily').map((r) => r.period),
    ).toEqual([addDays(today, -1)]);
    await run(at1710);
    await run(new Date(at1710.getTime() + 5 * 60_000));
    const daily = (await producedReports(sh)).filter((r) => r.kind === 'repairs-daily').map((r) => r.period);
    expect(daily.sort()).toEqual([addDays(today, -1), today]);

    const loaded = await report(sh, 'repairs-daily', today, sh.tokens.front_desk);
    expect(loaded.status).toBe(200);
    expect(loaded.body.repairs!.done.map((r) => r.ticketId)).toEqual([done.id]);
    const notDone = loaded.body.repairs!.notDone.map((r) => r.ticketId);
    expect(notDone).toContain(open.id);
    expect(notDone).toContain(sh.ticket.id);
    expect(notDone).not.toContain(done.id);
    // The desk and engineering were told once each, however often the job ran.
    const ready = (await notificationsOf(sh, 'report.ready')).filter((n) =>
      n.link.endsWith(`/repairs-daily/${today}`),
    );
    expect(ready.map((n) => n.recipientId).sort()).toEqual(
      [sh.staff.front_desk.id, sh.staff.technician.id].sort(),
    );
  });

  it('technician: a repair not done gets its reason, on the timeline and the report; the report is confirmed only when every reason is in', async () => {
    const path = `${reportPath(sh, 'repairs-daily', today)}/confirm`;
    const early = await call<{ error: { code: string; details: { tickets: { ticketId: string }[] } } }>(
      sh.tokens.front_desk,
      'POST',
      path,
      { side: 'desk' },
    );
    expect(early.status).toBe(422);
    expect(early.body.error.code).toBe('reasons_missing');
    expect(early.body.error.details.tickets.map((t) => t.ticketId)).toContain(open.id);

    for (const t of [open, sh.ticket])
      await act(sh, sh.tokens.front_desk, t, 'noteNotDone', { reason: '等待配件到货' });
    const detail = await call<{ timeline: { action: string }[] }>(
      sh.tokens.front_desk,
      'GET',
      `/api/tickets/properties/${sh.property.id}/tickets/${open.id}`,
    );
    expect(detail.body.timeline.map((e) => e.action)).toContain('noteNotDone');
    const loaded = await report(sh, 'repairs-daily', today);
    expect(loaded.body.repairs!.notDone.find((r) => r.ticketId === open.id)?.reason?.reason).toBe(
      '等待配件到货',
    );

    // Until it is confirmed it is the day's working list: a repair finished after 17:10 is on it as done.
    const late = await completedRepair(sh);
    expect((await report(sh, 'repairs-daily', today)).body.repairs!.done.map((r) => r.ticketId)).toContain(
      late.id,
    );

    // A technician confirms for engineering, not for the desk.
    expect((await call(sh.tokens.technician, 'POST', path, { side: 'desk' })).status).toBe(422);
    expect((await call(sh.tokens.front_desk, 'POST', path, { side: 'desk' })).status).toBe(200);
    expect((await call(sh.tokens.front_desk, 'POST', path, { side: 'desk' })).status).toBe(409);
    expect((await call(sh.tokens.technician, 'POST', path, { side: 'engineering' })).status).toBe(200);
    const confirmed = await report(sh, 'repairs-daily', today);
    expect(confirmed.body.summary).toMatchObject({
      deskConfirmation: { by: sh.staff.front_desk.id },
      engineeringConfirmation: { by: sh.staff.technician.id },
    });
    // Once both sides confirmed, the list stays as they confirmed it.
    const after = await completedRepair(sh);
    const kept = (await report(sh, 'repairs-daily', today)).body.repairs!.done.map((r) => r.ticketId);
    expect(kept).toContain(late.id);
    expect(kept).not.toContain(after.id);
  });

  it('property manager: the complaint report of a day is produced just after the property’s midnight, before 09:00, with every complaint of that day', async () => {
    const complaint = await call<{ ticket: Ticket }>(
      sh.tokens.front_desk,
      'POST',
      `/api/tickets/properties/${sh.property.id}/contacts`,
      deskContact(sh, {
        category: 'complaint',
        summary: '楼道灯坏了三天',
        ticket: { category: 'facilities' },
      }),
    );
    expect(complaint.status).toBe(201);
    const midnight = zonedInstant(addDays(today, 1), '00:00', 'Asia/Shanghai');
    await run(new Date(midnight.getTime() - 60_000));
    expect((await report(sh, 'complaints-daily', today)).body.summary.status).toBe('waiting');
    await run(midnight);
    await run(new Date(midnight.getTime() + 10 * 60_000));
    const periods = (await producedReports(sh))
      .filter((r) => r.kind === 'complaints-daily')
      .map((r) => r.period);
    expect(periods.filter((p) => p === today)).toHaveLength(1);
    const loaded = await report(sh, 'complaints-daily', today);
    expect(loaded.body.complaints!.map((c) => c.ticketId)).toEqual([complaint.body.ticket.id]);
    expect(loaded.body.complaints![0]).toMatchObject({ state: 'recorded', reply: 'pending' });
    // Produced before its 09:00 deadline: ready, not late.
    expect(
      loaded.body.summary.readyAt! < zonedInstant(addDays(today, 1), '09:00', 'Asia/Shanghai').toISOString(),
    ).toBe(true);
  });

  it('property manager: told once when no recipient opened the 17:10 report within 2 hours, and not when one did', async () => {
    // Days no other case of this file runs the job near.
    const day = '2026-10-20';
    const shDue = zonedInstant(day, '17:10', 'Asia/Shanghai');
    await run(shDue);
    const opened = await call(
      sh.tokens.front_desk,
      'POST',
      `${reportPath(sh, 'repairs-daily', day)}/open`,
      {},
    );
    expect(opened.status).toBe(200);

    const due = zonedInstant(day, '17:10', 'America/New_York');
    await run(due);
    // Opening by someone who is not a recipient does not count as delivery.
    const byManager = await call(
      ny.tokens.property_manager,
      'POST',
      `${reportPath(ny, 'repairs-daily', day)}/open`,
      {},
    );
    expect(byManager.status).toBe(200);
    const about = (n: Notification) => n.link.endsWith(`/repairs-daily/${day}`);
    await run(new Date(due.getTime() + 119 * 60_000));
    expect((await notificationsOf(ny, 'report.unopened')).filter(about)).toHaveLength(0);
    await run(new Date(due.getTime() + 120 * 60_000));
    await run(new Date(due.getTime() + 150 * 60_000));
    const unopened = (await notificationsOf(ny, 'report.unopened')).filter(about);
    expect(unopened.map((n) => n.recipientId)).toEqual([ny.staff.property_manager.id]);

    // In Shanghai the desk opened it: nobody is told, hours after its time.
    expect(new Date(due.getTime() + 150 * 60_000).getTime()).toBeGreaterThan(shDue.getTime() + 3 * 3_600_000);
    expect((await notificationsOf(sh, 'report.unopened')).filter(about)).toHaveLength(0);
    const loaded = await report(sh, 'repairs-daily', day);
    expect(loaded.body.summary.status).toBe('opened');
    expect(loaded.body.opens.map((o) => o.staffId)).toEqual([sh.staff.front_desk.id]);
    expect((await report(ny, 'repairs-daily', day)).body.summary.status).toBe('unopened');
  });

  it('head office: a New York property’s reports follow New York’s clocks across the end of summer time', async () => {
    // 2026-11-01: clocks go back at 02:00; 17:10 is 21:10Z on 31 October and 22:10Z on 1 November.
    await run('2026-10-31T21:09:00Z');
    await run('2026-10-31T21:10:00Z');
    await run('2026-11-01T21:10:00Z');
    await run('2026-11-01T22:09:00Z');
    await run('2026-11-01T22:10:00Z');
    // Friday 2026-10-30 15:00 EDT is 19:00Z: the week 2026-W44.
    await run('2026-10-30T18:59:00Z');
    await run('2026-10-30T19:00:00Z');
    const produced = await producedReports(ny);
    const daily = produced
      .filter((r) => r.kind === 'repairs-daily' && r.period.startsWith('2026-1'))
      .map((r) => r.period);
    expect(daily.filter((p) => p >= '2026-10-29' && p <= '2026-11-02').sort()).toEqual([
      '2026-10-29',
      '2026-10-30',
      '2026-10-31',
      '2026-11-01',
    ]);
    const weekly = produced.filter((r) => r.kind === 'repairs-weekly').map((r) => r.period);
    expect(weekly.filter((p) => p === '2026-W44')).toHaveLength(1);
    expect(weekly).toContain('2026-W43');

    const hq = await makeHeadOffice();
    const overview = await call<{ items: { property: { id: string }; reports: Summary[] }[] }>(
      hq.token,
      'GET',
      '/api/tickets/reports',
    );
    expect(overview.status).toBe(200);
    const shanghai = overview.body.items.find((i) => i.property.id === sh.property.id)!;
    expect(shanghai.reports.map((r) => r.kind).sort()).toEqual([
      'complaints-daily',
      'repairs-daily',
      'repairs-weekly',
    ]);
  });

  it('property manager: the report downloads as an Excel workbook', async () => {
    const response = await app.request(`${reportPath(sh, 'repairs-daily', today)}/xlsx`, {
      headers: { authorization: `Bearer ${sh.tokens.property_manager}` },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('spreadsheetml');
    const book = new Excel.Workbook();
    await book.xlsx.load(await response.arrayBuffer());
    const names = book.worksheets.map((s) => s.name);
    expect(names).toEqual(['已完成', '未完成']);
    const cells = book.worksheets[1]!.getSheetValues().flat().map(String);
    expect(cells).toContain('等待配件到货');
  });
});
