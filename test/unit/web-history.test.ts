import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AuditEntry, Kinds } from '../../functions/contract.ts';
import { ticketKinds } from '../../functions/tickets/kinds.ts';
import { machines, type TicketKind } from '../../functions/tickets/machines/index.ts';
import * as history from '../../web/src/i18n/history.ts';

// The message module sets the page's language and title when it loads: give it the two fields it touches.
Object.assign(globalThis, { document: { documentElement: {}, title: '' } });
const { lang } = await import('../../web/src/i18n.ts');
const { kinds } = await import('../../web/src/tickets/api.ts');
const { auditSentence, sentenceKey, sentenceVariants, timelineSentence } = await import(
  '../../web/src/history/sentences.ts'
);
// What GET /api/tickets/kinds answers: the machines' own labels (clocks, actions, states).
kinds.value = ticketKinds() as unknown as Kinds;

const languages = [
  { lang: 'zh-CN', messages: history.zh as Record<string, string>, wang: '王芳', shi: '石平刚' },
  { lang: 'en', messages: history.en as Record<string, string>, wang: 'Wang Fang', shi: 'Shi Pinggang' },
] as const;

/** What no screen may show: a dotted code, an arrow between states, a timestamp, an unfilled placeholder. */
const rawCode = /[A-Za-z_]\w*\.[A-Za-z_]\w*|→|@20|\{\w+\}|undefined|null|NaN/;

/** Every action of every machine, with `create`: a new action without a sentence fails below. */
const ticketActions = (Object.keys(machines) as TicketKind[]).flatMap((kind) =>
  ['create', ...Object.keys(machines[kind].actions)].map((action) => ({ kind, action })),
);

/** Inputs that reach each variant of an action: every combination of the fields the variants turn on. */
function inputsFor(): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (const yes of [true, false])
    for (const paid of [true, false])
      for (const extra of [true, false])
        out.push({
          technicianId: 's-shi',
          ...(extra
            ? { assigneeId: 's-shi', appointmentAt: '2026-11-24T02:00:00.000Z', feeCents: 5000 }
            : {}),
          department: '工程部',
          deadlineAt: '2026-11-25T10:00:00.000Z',
          replyBy: '2026-11-24T08:00:00.000Z',
          inScope: yes,
          confirmed: yes,
          satisfied: yes,
          solved: yes,
          via: 'verbal',
          method: 'signature',
          note: '已电话联系',
          ...(paid ? { paidService: { quotedFeeCents: 8000, confirmed: false } } : {}),
        });
  return out;
}

/** Every audit action the server writes: the literal ones in functions/, and the templated ones. */
function auditActions(): string[] {
  const found = new Set<string>([
    'ledger.review.day',
    'ledger.review.week',
    'householdNotice.request',
    'householdNotice.reminder',
    'householdNotice.collection',
    'payment.voidAsked',
    'payment.refundAsked',
    'payment.approvalGranted',
    'payment.approvalRefused',
    'fund.contribution',
    'fund.useProposed',
    'fund.useApproved',
    'fund.useRejected',
    'fund.reconciliation',
  ]);
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? walk(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
    );
  for (const file of walk(join(import.meta.dirname, '../../functions'))) {
    for (const m of readFileSync(file, 'utf8').matchAll(/\baction: '([a-z][A-Za-z]*(?:\.[A-Za-z]+)+)'/g))
      found.add(m[1]!);
  }
  return [...found].filter((a) => !a.startsWith('sla.') || a === 'sla.settings.update');
}

const audit = (action: string, extra: Partial<AuditEntry> = {}): AuditEntry => ({
  id: 'a1',
  at: '2026-11-23T02:00:00.000Z',
  actorId: 's-wang',
  actorName: lang.value === 'en' ? 'Wang Fang' : '王芳',
  action,
  entity: action.split('.')[0]!,
  entityId: '2026-11-23',
  before: null,
  after: null,
  ...extra,
});

describe.each(languages)('history in $lang', (l) => {
  const names = { 's-wang': l.wang, 's-shi': l.shi };

  it('every action of every ticket kind has its sentence, each variant too', () => {
    lang.value = l.lang;
    const missing: string[] = [];
    for (const { kind, action } of ticketActions) {
      const variants = sentenceVariants[`${kind}.${action}`]?.variants ?? [''];
      for (const v of variants) {
        const key = `history.${kind}.${action}${v ? `.${v}` : ''}`;
        if (!(key in l.messages)) missing.push(key);
      }
    }
    expect(missing).toEqual([]);
    // Variants are only declared for actions that exist.
    const actions = new Set(ticketActions.map((a) => `${a.kind}.${a.action}`));
    expect(Object.keys(sentenceVariants).filter((a) => !actions.has(a))).toEqual([]);
  });

  it.each(ticketActions)(
    '$kind $action: a sentence naming the people, with no internal code',
    ({ kind, action }) => {
      lang.value = l.lang;
      const keys = new Set<string>();
      for (const input of inputsFor()) {
        keys.add(sentenceKey(kind, action, input));
        const { text, details } = timelineSentence(kind, { action, by: 's-wang', input }, names);
        expect(text.startsWith(l.wang), text).toBe(true);
        expect(text).not.toMatch(rawCode);
        for (const line of details) expect(line).not.toMatch(rawCode);
        if (text.includes(l.shi)) expect(text).not.toContain('s-shi');
      }
      // Each declared variant is reached by some input (the picker and the list agree).
      const variants = sentenceVariants[`${kind}.${action}`]?.variants ?? [''];
      expect([...keys].sort()).toEqual(
        variants.map((v) => `history.${kind}.${action}${v ? `.${v}` : ''}`).sort(),
      );
    },
  );

  it('a dispatch reads as who sent whom: 王芳 派工给 石平刚 / Wang Fang dispatched to Shi Pinggang', () => {
    lang.value = l.lang;
    const { text } = timelineSentence(
      'repair',
      { action: 'dispatch', by: 's-wang', input: { technicianId: 's-shi' } },
      names,
    );
    expect(text).toBe(l.lang === 'en' ? 'Wang Fang dispatched to Shi Pinggang' : '王芳 派工给 石平刚');
  });

  it('someone no longer on the staff list is "a colleague", the sweep is "the system", never an id', () => {
    lang.value = l.lang;
    const gone = timelineSentence(
      'repair',
      { action: 'dispatch', by: 's-gone', input: { technicianId: 's-x' } },
      {},
    );
    expect(gone.text).not.toMatch(/s-gone|s-x/);
    const close = timelineSentence('repair', { action: 'close', by: 'system', input: {} }, {});
    expect(close.text.startsWith(l.lang === 'en' ? 'The system' : '系统')).toBe(true);
  });

  it.each([
    ['sla.breach', { clock: 'notify' }, /紧急投诉通知|responsible people and the project manager told/],
    ['sla.escalate', { step: 0, notify: 'responsible_person' }, /责任人|Responsible person/],
  ])('the SLA sweep’s %s reads as a sentence with the clock or role named', (action, input, names_) => {
    lang.value = l.lang;
    const { text } = timelineSentence('complaint', { action, by: 'system', input }, {});
    expect(text).toMatch(names_);
    expect(text).not.toMatch(rawCode);
    expect(text).not.toContain('responsible_person');
  });

  it('an action this page does not know yet still reads as a sentence with its label, not its code', () => {
    lang.value = l.lang;
    const { text } = timelineSentence('repair', { action: 'teleport', by: 's-wang', input: {} }, names);
    expect(text.startsWith(l.wang)).toBe(true);
    expect(text).not.toMatch(rawCode);
  });

  it.each(auditActions())('audit %s: its own sentence, with no internal code', (action) => {
    lang.value = l.lang;
    const entry = action.startsWith('ticket.')
      ? audit(action, { after: { kind: 'repair', version: 2, state: 'closed', input: {} } })
      : audit(action, { after: { name: '3号楼', roomCode: '3-1502', transaction: 1, of: 2 } });
    const { text } = auditSentence(entry, names);
    expect(text).not.toMatch(rawCode);
    expect(text).not.toBe(auditSentence(audit('nothing.known'), names).text);
  });

  it('audit of a ticket action says what was done, in the timeline’s words', () => {
    lang.value = l.lang;
    const dispatched = auditSentence(
      audit('ticket.dispatch', {
        entity: 'ticket',
        before: { kind: 'repair', state: 'verified', version: 2 },
        after: { kind: 'repair', state: 'dispatched', version: 3, input: { technicianId: 's-shi' } },
      }),
      names,
    );
    expect(dispatched.text).toBe(
      l.lang === 'en' ? 'Wang Fang dispatched to Shi Pinggang' : '王芳 派工给 石平刚',
    );
    // Written before entries carried the kind: found from the machines, never `ticket.close · ticket`.
    const closed = auditSentence(
      audit('ticket.close', {
        entity: 'ticket',
        before: { state: 'followed_up' },
        after: { state: 'closed' },
      }),
      names,
    );
    expect(closed.text).toBe(l.lang === 'en' ? 'Wang Fang closed the repair' : '王芳 关闭了报修');
  });

  it('audit of the SLA sweep names the clocks it recorded, not their keys', () => {
    lang.value = l.lang;
    const { text } = auditSentence(
      audit('ticket.sla', {
        actorId: 'system',
        actorName: 'PropDesk',
        entity: 'ticket',
        after: {
          kind: 'complaint',
          version: 3,
          recorded: 'notify:breach@2026-11-23T01:05:00.000Z, escalation:0@2026-11-23T01:00:00.000Z',
        },
      }),
    );
    expect(text).not.toMatch(rawCode);
    expect(text).toContain(l.lang === 'en' ? 'escalation step 1' : '第 1 级升级');
    expect(text.startsWith(l.lang === 'en' ? 'The system' : '系统')).toBe(true);
  });

  it('audit of the urgent notice reaching everyone is a whole sentence with its time, never an empty "："', () => {
    lang.value = l.lang;
    const delivered = (after: Record<string, unknown>) =>
      auditSentence(
        audit('ticket.sla', { actorId: 'system', actorName: 'PropDesk', entity: 'ticket', after }),
        {},
        'Asia/Shanghai',
      ).text;
    const inTime = delivered({
      kind: 'complaint',
      version: 2,
      noticeDeliveredAt: '2026-11-23T01:02:00.000Z',
      met: true,
    });
    expect(inTime).not.toMatch(rawCode);
    expect(inTime).not.toMatch(/[：:]$/);
    // 09:02 in Shanghai, the property's clock.
    expect(inTime).toContain('09:02');
    expect(inTime).toBe(
      l.lang === 'en'
        ? 'The system confirmed the urgent notice of the complaint ticket reached the responsible person and the project manager at 11/23/2026, 09:02, within its time limit'
        : '系统确认投诉工单的紧急通知已于 2026/11/23 09:02 送达责任人和项目经理，在通知时限内',
    );
    // An entry written before it carried the kind, and a late one.
    const late = delivered({ version: 2, noticeDeliveredAt: '2026-11-23T01:09:00.000Z', met: false });
    expect(late).toContain(l.lang === 'en' ? 'after its time limit' : '已超过通知时限');
    expect(late).not.toMatch(rawCode);
    // Nothing recorded at all still reads as a sentence, not a label with nothing after it.
    const empty = delivered({ version: 2 });
    expect(empty).not.toMatch(/[：:]\s*$/);
    expect(empty.startsWith(l.lang === 'en' ? 'The system' : '系统')).toBe(true);
  });

  it('audit of an update lists the changed fields by their names, from → to in words', () => {
    lang.value = l.lang;
    const { text, details } = auditSentence(
      audit('building.update', {
        entity: 'building',
        before: { name: '3号楼', floors: 18, version: 1 },
        after: { name: '3号楼', floors: 24, version: 2 },
      }),
      names,
    );
    expect(text).toContain('3号楼');
    expect(text).toContain(l.lang === 'en' ? 'changed building' : '修改了楼栋');
    expect(details).toEqual([l.lang === 'en' ? 'Floors changed from “18” to “24”' : '层数由“18”改为“24”']);
  });
});
