/**
 * Every service standard is enforced from the one table (functions/sla/standards.ts): each test changes
 * a value in the table only — the module is loaded afresh and its rows edited before anything reads
 * them — and shows the behaviour that follows (due times, settings floors, the urgent-complaint notice),
 * beside the same call on the table as it ships.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Property } from '../../functions/directory/records.ts';
import type { AppError } from '../../functions/shared/errors.ts';
import type * as Standards from '../../functions/sla/standards.ts';
import type { Ticket } from '../../functions/tickets/records.ts';

type Table = typeof Standards;

/** The modules that read the table, loaded over a table edited by `change` (none: as shipped). */
async function withTable(change?: (table: Table) => void) {
  vi.resetModules();
  vi.doMock('../../functions/sla/standards.ts', async (importOriginal) => {
    const table = await importOriginal<Table>();
    change?.(table);
    return table;
  });
  return {
    policies: await import('../../functions/sla/policies.ts'),
    slas: await import('../../functions/tickets/ticket-slas.ts'),
    settings: await import('../../functions/tickets/sla-settings.ts'),
    notice: await import('../../functions/tickets/urgent-notice.ts'),
  };
}

afterEach(() => {
  vi.doUnmock('../../functions/sla/standards.ts');
  vi.resetModules();
});

const property = {
  id: 'prop0001',
  version: 1,
  timeZone: 'Asia/Shanghai',
  serviceHours: [{ days: [1, 2, 3, 4, 5, 6, 7], from: '09:00', to: '21:00' }],
} as unknown as Property;
const opened = '2026-03-16T02:00:00.000Z'; // Monday 10:00 in Shanghai
const plus = (minutes: number) => new Date(Date.parse(opened) + minutes * 60_000).toISOString();

type Loaded = Awaited<ReturnType<typeof withTable>>;

/** A ticket's clock `sla` started at `opened` under the default settings: its due time. */
function dueOf(m: Loaded, kind: Ticket['kind'], severity: Ticket['severity'], sla: string) {
  const settings = m.policies.resolveSlaSettings();
  const slas = m.slas.applySlaEvents(property, settings, kind, severity, {}, [
    { type: 'sla.start', sla, at: opened },
  ]);
  return slas[sla]?.dueAt;
}

/** The 422 code of a settings change, or null when it is accepted. */
function refusal(m: Loaded, overrides: unknown): string | null {
  try {
    m.settings.normalizeOverrides(overrides as never);
    return null;
  } catch (error) {
    return (error as AppError).code;
  }
}

const replyIn = (hours: number) => ({
  policies: {
    complaint: { normal: { targets: { reply: { measure: 'calendar', minutes: hours * 60, warnAt: 0.8 } } } },
  },
});

describe('the service standards table', () => {
  it('front desk: a complaint is due for its reply when the table says (72 h as shipped)', async () => {
    expect(dueOf(await withTable(), 'complaint', 'normal', 'reply')).toBe(plus(72 * 60));
    const changed = await withTable((t) => {
      t.serviceStandards.complaintReply.default = { measure: 'calendar', minutes: 48 * 60 };
    });
    expect(dueOf(changed, 'complaint', 'normal', 'reply')).toBe(plus(48 * 60));
  });

  it('property manager: may tighten the complaint reply down to the floor of the table, not loosen it', async () => {
    const shipped = await withTable();
    expect(refusal(shipped, replyIn(60))).toBeNull();
    expect(refusal(shipped, replyIn(80))).toBe('loosens_standard');
    const changed = await withTable((t) => {
      t.serviceStandards.complaintReply.floor = { measure: 'calendar', minutes: 48 * 60 };
    });
    expect(refusal(changed, replyIn(60))).toBe('loosens_standard');
    expect(refusal(changed, replyIn(40))).toBeNull();
  });

  it('project manager: the urgent-complaint notice clock runs for the minutes of the table (5 as shipped)', async () => {
    expect(dueOf(await withTable(), 'complaint', 'urgent', 'notify')).toBe(plus(5));
    const changed = await withTable((t) => {
      t.serviceStandards.urgentComplaintNotice.default = { measure: 'calendar', minutes: 3 };
    });
    expect(dueOf(changed, 'complaint', 'urgent', 'notify')).toBe(plus(3));
  });

  it('property manager: the urgent-complaint ladder must reach the project manager within the table’s minutes', async () => {
    const managerAt = (minutes: number) => ({
      policies: {
        complaint: {
          urgent: {
            escalation: [
              { afterMinutes: 0, notify: 'responsible_person' },
              { afterMinutes: minutes, notify: 'property_manager' },
            ],
          },
        },
      },
    });
    const shipped = await withTable();
    expect(refusal(shipped, managerAt(4))).toBeNull();
    expect(refusal(shipped, managerAt(6))).toBe('loosens_standard');
    const changed = await withTable((t) => {
      t.escalationStandards.urgentComplaint.steps[1]!.withinMinutes = 3;
    });
    expect(refusal(changed, managerAt(4))).toBe('loosens_standard');
  });

  it('project manager: is told of an urgent complaint at once while the table names the role, on the table’s ladder', async () => {
    const told = (m: Loaded) => {
      const settings = m.policies.resolveSlaSettings();
      const slas = m.slas.applySlaEvents(property, settings, 'complaint', 'urgent', {}, [
        { type: 'sla.start', sla: 'notify', at: opened },
      ]);
      const ticket = { kind: 'complaint', severity: 'urgent', slas } as unknown as Ticket;
      return m.notice.stepsOwedAtOnce(ticket, settings).map((s) => `${s.notify}@${s.at}`);
    };
    expect(told(await withTable())).toEqual([`responsible_person@${plus(0)}`, `property_manager@${plus(5)}`]);
    const later = await withTable((t) => {
      t.escalationStandards.urgentComplaint.steps[1]!.afterMinutes = 2;
    });
    expect(told(later)).toEqual([`responsible_person@${plus(0)}`, `property_manager@${plus(2)}`]);
    const notNamed = await withTable((t) => {
      t.escalationStandards.urgentComplaint.steps[1]!.withinMinutes = null;
    });
    expect(told(notNamed)).toEqual([`responsible_person@${plus(0)}`]);
  });

  it('front desk: a completed repair is due for its follow-up call after the table’s working time', async () => {
    // 24 service hours (09:00–21:00 every day) from Monday 10:00 is Wednesday 10:00.
    expect(dueOf(await withTable(), 'repair', 'normal', 'followUp')).toBe(plus(48 * 60));
    const changed = await withTable((t) => {
      t.serviceStandards.repairFollowUp.default = {
        measure: 'working',
        calendar: 'service',
        minutes: 12 * 60,
      };
    });
    expect(dueOf(changed, 'repair', 'normal', 'followUp')).toBe(plus(24 * 60));
  });

  it('property manager: an inquiry stays due at the agreed time only while the table sets that floor', async () => {
    const answerIn = {
      policies: {
        inquiry: { normal: { targets: { answer: { measure: 'calendar', minutes: 60, warnAt: 0.8 } } } },
      },
    };
    expect(refusal(await withTable(), answerIn)).toBe('loosens_standard');
    const changed = await withTable((t) => {
      t.serviceStandards.inquiryAnswer.floor = null;
    });
    expect(refusal(changed, answerIn)).toBeNull();
  });

  it('property manager: the settings page names the seed clause and the floor the table gives', async () => {
    const row = (m: Loaded) =>
      m.settings
        .effectiveSlaSettings(property)
        .policies.find((p) => p.kind === 'complaint' && p.severity === 'normal')
        ?.targets.find((t) => t.name === 'reply');
    expect(row(await withTable())).toMatchObject({ source: '001 §5.4', tightenOnly: true });
    const changed = await withTable((t) => {
      t.serviceStandards.complaintReply.source = null;
      t.serviceStandards.complaintReply.floor = null;
    });
    expect(row(changed)).toMatchObject({ source: null, tightenOnly: false });
  });

  it('as shipped, the default settings keep every floor of the table', async () => {
    const { policies, settings } = await withTable();
    expect(() => settings.normalizeOverrides(policies.defaultSlaSettings)).not.toThrow();
  });
});
