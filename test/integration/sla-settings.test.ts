import { beforeAll, describe, expect, it } from 'vitest';
import type { Ticket } from '../../functions/tickets/records.ts';
import { call } from '../support/api.ts';
import { makeProperty, type PropertyWorld } from '../support/world.ts';

let world: PropertyWorld;

beforeAll(async () => {
  world = await makeProperty('SL');
});

interface TargetRow {
  name: string;
  target: { measure: string; minutes?: number; warnAt: number };
  overridden: boolean;
  tightenOnly: boolean;
}
interface PolicyRow {
  kind: string;
  severity: string;
  targets: TargetRow[];
  escalation: { afterMinutes: number; notify: string }[];
  escalationOverridden: boolean;
}
interface Settings {
  version: number;
  policies: PolicyRow[];
  overrides: Record<string, unknown>;
}

const path = () => `/api/tickets/properties/${world.property.id}/sla-settings`;
const read = (token = world.tokens.property_manager) => call<Settings>(token, 'GET', path());
const save = (overrides: unknown, version: number, token = world.tokens.property_manager) =>
  call<Settings>(token, 'PUT', path(), { version, overrides });
const row = (s: Settings, kind: string, severity: string) =>
  s.policies.find((p) => p.kind === kind && p.severity === severity)!;
const target = (s: Settings, kind: string, severity: string, name: string) =>
  row(s, kind, severity).targets.find((t) => t.name === name)!;

const hours = (n: number) => n * 60;
const complaintReply = (minutes: number) => ({
  policies: {
    complaint: { normal: { targets: { reply: { measure: 'calendar', minutes, warnAt: 0.8 } } } },
  },
});

async function recordComplaint(time: string): Promise<Ticket> {
  const reply = await call<{ ticket: Ticket }>(
    world.tokens.front_desk,
    'POST',
    `/api/tickets/properties/${world.property.id}/contacts`,
    {
      time,
      channel: 'phone',
      caller: { name: '王芳', phone: '13812345678' },
      unitId: world.unit.id,
      householdId: world.household.id,
      category: 'complaint',
      summary: '电梯间垃圾无人清理',
      ticket: { category: 'environment' },
    },
  );
  expect(reply.status, JSON.stringify(reply.body)).toBe(201);
  return reply.body.ticket;
}

describe('SLA settings', () => {
  it('front desk: sees the standards (complaint reply 72 h, tighten only) but cannot change them', async () => {
    const seen = await read(world.tokens.front_desk);
    expect(seen.status).toBe(200);
    expect(target(seen.body, 'complaint', 'normal', 'reply')).toMatchObject({
      target: { measure: 'calendar', minutes: hours(72) },
      overridden: false,
      tightenOnly: true,
    });
    expect(target(seen.body, 'complaint', 'urgent', 'notify').target.minutes).toBe(5);
    const refused = await save(complaintReply(hours(24)), seen.body.version, world.tokens.front_desk);
    expect(refused.status).toBe(403);
  });

  it('property manager: tightens the complaint reply to 24 h; the next complaint is due in 24 h, an earlier one keeps 72 h', async () => {
    const before = await recordComplaint('2026-03-20T02:00:00.000Z');
    expect(before.slas.reply!.dueAt).toBe('2026-03-23T02:00:00.000Z');

    const current = await read();
    const saved = await save(complaintReply(hours(24)), current.body.version);
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body.version).toBe(current.body.version + 1);
    expect(target(saved.body, 'complaint', 'normal', 'reply')).toMatchObject({
      target: { minutes: hours(24) },
      overridden: true,
    });
    expect(target(saved.body, 'complaint', 'urgent', 'reply').overridden).toBe(false);

    const after = await recordComplaint('2026-03-20T03:00:00.000Z');
    expect(after.slas.reply!.dueAt).toBe('2026-03-21T03:00:00.000Z');
    const kept = await call<{ ticket: Ticket }>(
      world.tokens.front_desk,
      'GET',
      `/api/tickets/properties/${world.property.id}/tickets/${before.id}`,
    );
    expect(kept.body.ticket.slas.reply!.dueAt).toBe('2026-03-23T02:00:00.000Z');

    const audit = await call<{ items: { action: string; after: Record<string, unknown> }[] }>(
      world.tokens.property_manager,
      'GET',
      `/api/directory/properties/${world.property.id}/audit`,
    );
    expect(audit.body.items.find((a) => a.action === 'sla.settings.update')?.after).toMatchObject({
      slaSettings: complaintReply(hours(24)),
    });
  });

  it('property manager: loosening the complaint reply beyond 72 h is refused with 422 and nothing changes', async () => {
    const current = await read();
    for (const loosened of [
      complaintReply(hours(96)),
      {
        policies: {
          complaint: {
            normal: {
              targets: {
                reply: { measure: 'working', calendar: 'service', minutes: hours(72), warnAt: 0.8 },
              },
            },
          },
        },
      },
    ]) {
      const refused = await save(loosened, current.body.version);
      expect(refused.status, JSON.stringify(refused.body)).toBe(422);
      expect(refused.body).toMatchObject({ error: { code: 'loosens_standard' } });
    }
    expect((await read()).body).toEqual(current.body);
  });

  it('property manager: an urgent-complaint ladder that tells the project manager after 10 minutes is refused', async () => {
    const current = await read();
    const refused = await save(
      {
        policies: {
          complaint: {
            urgent: {
              escalation: [
                { afterMinutes: 0, notify: 'responsible_person' },
                { afterMinutes: 10, notify: 'property_manager' },
              ],
            },
          },
        },
      },
      current.body.version,
    );
    expect(refused.status).toBe(422);
    expect(JSON.stringify(refused.body)).toContain('property_manager within 5 minutes');
  });

  it('property manager: may loosen our own repair default, add a ladder step, then reset to the standard', async () => {
    const current = await read();
    const changed = await save(
      {
        ...complaintReply(hours(24)),
        policies: {
          ...complaintReply(hours(24)).policies,
          repair: {
            normal: {
              targets: {
                firstResponse: { measure: 'working', calendar: 'office', minutes: 60, warnAt: 0.9 },
              },
              escalation: [{ afterMinutes: 120, notify: 'property_manager' }],
            },
          },
        },
      },
      current.body.version,
    );
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    expect(target(changed.body, 'repair', 'normal', 'firstResponse')).toMatchObject({
      target: { measure: 'working', calendar: 'office', minutes: 60, warnAt: 0.9 },
      overridden: true,
    });
    expect(row(changed.body, 'repair', 'normal')).toMatchObject({
      escalation: [{ afterMinutes: 120, notify: 'property_manager' }],
      escalationOverridden: true,
    });

    const reset = await save({}, changed.body.version);
    expect(reset.status).toBe(200);
    expect(reset.body.overrides).toEqual({});
    expect(target(reset.body, 'complaint', 'normal', 'reply').target.minutes).toBe(hours(72));
    expect(row(reset.body, 'repair', 'normal').escalationOverridden).toBe(false);
  });

  it('property manager: saving the standard values stores no override', async () => {
    const current = await read();
    const saved = await save(complaintReply(hours(72)), current.body.version);
    expect(saved.status).toBe(200);
    expect(saved.body.overrides).toEqual({});
    expect(target(saved.body, 'complaint', 'normal', 'reply').overridden).toBe(false);
  });

  it('property manager: a warning at 99 % or an agreed time on a repair is refused', async () => {
    const current = await read();
    const late = await save(
      {
        policies: {
          repair: { normal: { targets: { dispatch: { measure: 'calendar', minutes: 60, warnAt: 0.99 } } } },
        },
      },
      current.body.version,
    );
    expect(late.status).toBe(422);
    const agreed = await save(
      { policies: { repair: { normal: { targets: { dispatch: { measure: 'agreed', warnAt: 0.8 } } } } } },
      current.body.version,
    );
    expect(agreed.status).toBe(422);
  });

  it('property manager: two saves from the same version, the second gets 409 and the first stands', async () => {
    const current = await read();
    const first = await save(complaintReply(hours(48)), current.body.version);
    expect(first.status).toBe(200);
    const second = await save(complaintReply(hours(36)), current.body.version);
    expect(second.status).toBe(409);
    expect(second.body).toMatchObject({ error: { code: 'stale_version' } });
    expect(target((await read()).body, 'complaint', 'normal', 'reply').target.minutes).toBe(hours(48));
  });
});
