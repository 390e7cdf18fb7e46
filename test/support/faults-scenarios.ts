import type { Household } from '../../functions/directory/records.ts';
import { runJob } from '../../functions/jobs/run.ts';
import type { Notification } from '../../functions/notifications/records.ts';
import { propertyPrefix } from '../../functions/shared/table.ts';
import type { Ticket } from '../../functions/tickets/records.ts';
import { call } from './api.ts';
import { injectFaults } from './faults.ts';
import { partialRecords, partitionItems } from './faults-records.ts';
import { makeHeadOffice, makeProperty, type PropertyWorld } from './world.ts';

/** Scenarios the integration tests and the bench share (same steps, the bench runs more of them). */

export interface JobOutcome {
  succeeded: boolean;
  /** Runs that a fault stopped before one got through. */
  failedRuns: number;
  injected: number;
  /** The escalation steps on the complaint's timeline. */
  steps: number[];
  /** complaint.urgent notices about the complaint in each inbox. */
  notices: { propertyManager: number; frontDesk: number; headOffice: number };
  partial: string[];
}

/**
 * An urgent complaint nobody acknowledged, past the head-office step; the sla-check job run with 10%
 * of DynamoDB calls failing until one run succeeds, then again as a scheduler's retries would, then
 * once more without faults.
 */
export async function slaJobThroughFaults(code: string, seed: number): Promise<JobOutcome> {
  const place = await makeProperty(code);
  const hq = await makeHeadOffice();
  const recorded = await call<{ ticket: Ticket }>(
    place.tokens.front_desk,
    'POST',
    `/api/tickets/properties/${place.property.id}/contacts`,
    {
      time: new Date(Date.now() - 30_000).toISOString(),
      channel: 'phone',
      caller: { name: '王芳', phone: '13812345678' },
      unitId: place.unit.id,
      householdId: place.household.id,
      category: 'complaint',
      summary: '电梯困人，无人应答',
      ticket: { category: 'facilities', severity: 'urgent' },
    },
  );
  if (recorded.status !== 201) throw new Error(`recording the complaint: ${recorded.status}`);
  const ticket = recorded.body.ticket;
  const scheduledAt = new Date(Date.parse(ticket.openedAt) + 31 * 60_000).toISOString();

  const faults = injectFaults({ rate: 0.1, seed });
  let failedRuns = 0;
  let succeeded = false;
  let injected: number;
  try {
    for (let attempt = 0; attempt < 60 && !succeeded; attempt++) {
      try {
        await runJob({ job: 'sla-check', scheduledAt });
        succeeded = true;
      } catch {
        failedRuns += 1; // the next run picks up where this one stopped
      }
    }
    // A scheduler delivers at least once: the same run again must change nothing.
    for (let retry = 0; retry < 3; retry++) await runJob({ job: 'sla-check', scheduledAt }).catch(() => {});
  } finally {
    injected = faults.counts.failed;
    faults.remove();
  }
  await runJob({ job: 'sla-check', scheduledAt });

  const detail = await call<{ timeline: { action: string; input: { step?: number } }[] }>(
    place.tokens.front_desk,
    'GET',
    `/api/tickets/properties/${place.property.id}/tickets/${ticket.id}`,
  );
  const urgentTo = async (token: string) =>
    (
      await call<{ items: Notification[] }>(token, 'GET', '/api/notifications/inbox?limit=100')
    ).body.items.filter((n) => n.subject.id === ticket.id && n.kind === 'complaint.urgent').length;
  return {
    succeeded,
    failedRuns,
    injected,
    steps: detail.body.timeline
      .filter((e) => e.action === 'sla.escalate')
      .map((e) => e.input.step!)
      .sort(),
    notices: {
      propertyManager: await urgentTo(place.tokens.property_manager),
      frontDesk: await urgentTo(place.tokens.front_desk),
      headOffice: await urgentTo(hq.token),
    },
    partial: await partialRecords(place.property.id),
  };
}

export interface ConflictOutcome {
  saved: number;
  conflicts: number;
  other: number[];
  auditEntriesAdded: number;
  versionAdvancedBy: number;
}

/** `n` clerks save the same household at once, all from the version they read. */
export async function parallelSaves(world: PropertyWorld, n: number): Promise<ConflictOutcome> {
  const path = `/api/directory/properties/${world.property.id}/households/${world.household.id}`;
  const audits = async () =>
    (await partitionItems(propertyPrefix(world.property.id))).filter(
      (i) => i.sk.startsWith('AUDIT#') && i.entityId === world.household.id,
    ).length;
  const current = await call<Household>(world.tokens.front_desk, 'GET', path);
  const auditsBefore = await audits();
  const replies = await Promise.all(
    Array.from({ length: n }, (_, i) =>
      call(world.tokens.front_desk, 'PATCH', path, { version: current.body.version, name: `王芳${i + 1}` }),
    ),
  );
  const after = await call<Household>(world.tokens.front_desk, 'GET', path);
  const statuses = replies.map((r) => r.status);
  return {
    saved: statuses.filter((s) => s === 200).length,
    conflicts: replies.filter(
      (r) => r.status === 409 && typeof (r.body as { error?: { code?: unknown } }).error?.code === 'string',
    ).length,
    other: statuses.filter((s) => s !== 200 && s !== 409),
    auditEntriesAdded: (await audits()) - auditsBefore,
    versionAdvancedBy: after.body.version - current.body.version,
  };
}
