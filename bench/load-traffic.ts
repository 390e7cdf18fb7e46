/**
 * Mixed front-desk traffic, the same in the load bench (HTTP against the local host), its `npm test`
 * slice and the injected-faults test (in process): record repairs on the ledger, search rooms, take
 * each repair through its first steps, poll the inbox, read the day's ledger. Every acknowledged write
 * is remembered so `lostWrites` can read it back afterwards.
 */

export interface Reply {
  status: number;
  body: unknown;
  /** Only when the transport exposes them (the in-process client does). */
  headers?: Headers;
}
export type Send = (token: string, method: string, path: string, body?: unknown) => Promise<Reply>;

/** One property's front desk: who works there and which rooms callers live in. */
export interface Desk {
  propertyId: string;
  frontDeskToken: string;
  technicianToken: string;
  technicianId: string;
  units: { id: string; roomCode: string }[];
}

/** The steps a repair takes in this traffic, by whom, with what input. */
const steps = (technicianId: string) =>
  [
    { action: 'verify', by: 'desk', input: { inScope: true } },
    {
      action: 'dispatch',
      by: 'desk',
      input: { technicianId, appointmentAt: new Date(Date.now() + 86_400_000).toISOString() },
    },
    { action: 'start', by: 'technician', input: {} },
    { action: 'progress', by: 'technician', input: { note: '已到现场，正在更换阀门' } },
  ] as const;

interface OpenRepair {
  ticketId: string;
  version: number;
  step: number;
}

export interface Acknowledged {
  /** Ticket id → the version and state its last acknowledged write left it in. */
  tickets: Map<string, { version: number; contactId: string; lastAction: string }>;
  /** Contact id → its ledger day. */
  contacts: Map<string, string>;
}

export const acknowledgedWrites = (): Acknowledged => ({ tickets: new Map(), contacts: new Map() });

export interface TrafficResult {
  requests: number;
  /** Answers other than the expected 2xx (and, when allowed, 503 with Retry-After and the JSON error). */
  errors: string[];
  /** 503s that were well-formed (only counted when `allowUnavailable`). */
  unavailable: number;
  /** 5xx answers other than a well-formed 503. */
  serverErrors: number;
  latenciesMs: number[];
}

type Rng = () => number;

/** One client: a front-desk clerk working until `more()` says stop. Sequential, like one browser tab. */
export async function runClient(
  send: Send,
  desk: Desk,
  options: {
    rng: Rng;
    more: (done: number) => boolean;
    allowUnavailable?: boolean;
    acknowledged: Acknowledged;
  },
): Promise<TrafficResult> {
  const { rng, acknowledged } = options;
  const result: TrafficResult = { requests: 0, errors: [], unavailable: 0, serverErrors: 0, latenciesMs: [] };
  const open: OpenRepair[] = [];
  const base = `/api/tickets/properties/${desk.propertyId}`;
  const pick = <T>(list: readonly T[]) => list[Math.floor(rng() * list.length)]!;

  const request = async (token: string, method: string, path: string, body?: unknown, ok = [200]) => {
    const started = performance.now();
    const reply = await send(token, method, path, body);
    result.latenciesMs.push(performance.now() - started);
    result.requests += 1;
    if (ok.includes(reply.status)) return reply;
    const error = (reply.body as { error?: { code?: string } } | undefined)?.error;
    if (options.allowUnavailable && reply.status === 503 && error?.code === 'unavailable') {
      const retryAfter = reply.headers?.get('retry-after');
      if (reply.headers && !retryAfter) result.errors.push(`${method} ${path} → 503 without Retry-After`);
      else result.unavailable += 1;
      return undefined;
    }
    if (reply.status >= 500) result.serverErrors += 1;
    result.errors.push(`${method} ${path} → ${reply.status} ${JSON.stringify(reply.body).slice(0, 200)}`);
    return undefined;
  };

  const recordRepair = async () => {
    const unit = pick(desk.units);
    const reply = await request(
      desk.frontDeskToken,
      'POST',
      `${base}/contacts`,
      {
        time: new Date().toISOString(),
        channel: pick(['phone', 'visit', 'hotline'] as const),
        caller: { name: '王芳', phone: '13812345678' },
        unitId: unit.id,
        category: 'repair',
        summary: `${unit.roomCode} 卫生间下水管漏水`,
      },
      [201],
    );
    const body = reply?.body as
      | { contact: { id: string; day: string }; ticket: { id: string; version: number } }
      | undefined;
    if (!body) return;
    acknowledged.contacts.set(body.contact.id, body.contact.day);
    acknowledged.tickets.set(body.ticket.id, {
      version: body.ticket.version,
      contactId: body.contact.id,
      lastAction: 'create',
    });
    open.push({ ticketId: body.ticket.id, version: body.ticket.version, step: 0 });
  };

  const advanceRepair = async () => {
    const repair = open[0];
    if (!repair) return recordRepair();
    const step = steps(desk.technicianId)[repair.step]!;
    const token = step.by === 'desk' ? desk.frontDeskToken : desk.technicianToken;
    // Under faults an answer lost after the write landed makes the retry stale (409): read back then.
    const reply = await request(
      token,
      'POST',
      `${base}/tickets/${repair.ticketId}/actions/${step.action}`,
      { version: repair.version, input: step.input },
      options.allowUnavailable ? [200, 409] : [200],
    );
    const ticket = reply?.status === 200 ? (reply.body as { ticket: { version: number } }).ticket : undefined;
    if (!ticket) {
      // A lost answer may hide a write that landed: read the ticket's version back before going on.
      const detail = await request(token, 'GET', `${base}/tickets/${repair.ticketId}`);
      const now = (detail?.body as { ticket?: { version: number } } | undefined)?.ticket;
      if (now && now.version > repair.version) {
        repair.version = now.version;
        repair.step += 1;
      }
    } else {
      repair.version = ticket.version;
      repair.step += 1;
      const known = acknowledged.tickets.get(repair.ticketId)!;
      acknowledged.tickets.set(repair.ticketId, {
        ...known,
        version: ticket.version,
        lastAction: step.action,
      });
    }
    if (repair.step >= steps(desk.technicianId).length) open.shift();
  };

  const searchRoom = () => {
    const room = pick(desk.units).roomCode;
    const typed = room.slice(0, Math.max(1, Math.ceil(rng() * room.length)));
    return request(
      desk.frontDeskToken,
      'GET',
      `/api/directory/properties/${desk.propertyId}/units?room=${encodeURIComponent(typed)}`,
    );
  };
  const pollInbox = () =>
    rng() < 0.5
      ? request(desk.frontDeskToken, 'GET', '/api/notifications/inbox?limit=20')
      : request(desk.frontDeskToken, 'GET', '/api/notifications/unread-count');
  const readLedger = () => request(desk.frontDeskToken, 'GET', `${base}/contacts?limit=20`);

  while (options.more(result.requests)) {
    const roll = rng();
    if (roll < 0.25) await recordRepair();
    else if (roll < 0.5) await advanceRepair();
    else if (roll < 0.75) await searchRoom();
    else if (roll < 0.9) await pollInbox();
    else await readLedger();
  }
  return result;
}

/**
 * Reads every acknowledged write back: each repair exists, still names its ledger contact, and is at
 * least at the version (with the action in its timeline) its last acknowledged answer reported.
 */
export async function lostWrites(send: Send, desk: Desk, acknowledged: Acknowledged): Promise<string[]> {
  const lost: string[] = [];
  const base = `/api/tickets/properties/${desk.propertyId}`;
  const onLedger = new Set<string>();
  for (const day of new Set(acknowledged.contacts.values())) {
    let cursor: string | null = null;
    do {
      const query: string = `day=${day}&limit=100${cursor ? `&cursor=${cursor}` : ''}`;
      const page = await send(desk.frontDeskToken, 'GET', `${base}/contacts?${query}`);
      if (page.status !== 200) throw new Error(`reading the ledger of ${day}: ${page.status}`);
      const body = page.body as { items: { id: string }[]; cursor: string | null };
      for (const item of body.items) onLedger.add(item.id);
      cursor = body.cursor;
    } while (cursor);
  }
  for (const contactId of acknowledged.contacts.keys())
    if (!onLedger.has(contactId)) lost.push(`contact ${contactId} is not on the ledger`);
  for (const [ticketId, expected] of acknowledged.tickets) {
    const reply = await send(desk.frontDeskToken, 'GET', `${base}/tickets/${ticketId}`);
    const body = reply.body as
      | { ticket: { version: number; contactId: string }; timeline: { action: string }[] }
      | undefined;
    if (reply.status !== 200 || !body) {
      lost.push(`ticket ${ticketId}: ${reply.status}`);
      continue;
    }
    if (body.ticket.contactId !== expected.contactId) lost.push(`ticket ${ticketId}: lost its contact`);
    if (body.ticket.version < expected.version)
      lost.push(`ticket ${ticketId}: version ${body.ticket.version}, acknowledged ${expected.version}`);
    if (expected.lastAction !== 'create' && !body.timeline.some((e) => e.action === expected.lastAction))
      lost.push(`ticket ${ticketId}: acknowledged ${expected.lastAction} is not in its timeline`);
  }
  return lost;
}
