import { parseArgs } from 'node:util';
import { ensureTable, localCredentials, startDynamoLocal } from '../infra/local/dynamo.ts';

/**
 * The in-process part of the reliability bench, run by bench/reliability.ts in a child process of its
 * own (its own DynamoDB Local in memory, its own document client with the fault middleware): the fuzz
 * run, the front desk under injected faults, the SLA job through faults, the parallel saves. Prints
 * progress on stderr and its metrics as one JSON line on stdout.
 */
const { values: args } = parseArgs({ options: { seed: { type: 'string' } } });
const seed = Number(args.seed ?? 1);
const log = (m: string) => process.stderr.write(`[reliability] ${m}\n`);

const fuzzTarget = 10_000;
const casesPerRoute = 30;
const faultClients = 3;
const faultRequestsPerClient = 600;

const dynamo = await startDynamoLocal();
try {
  Object.assign(process.env, {
    AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
    AWS_REGION: 'local',
    AWS_ACCESS_KEY_ID: localCredentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: localCredentials.secretAccessKey,
    TABLE_NAME: 'bench-reliability',
    LOG_LEVEL: 'ERROR',
    POWERTOOLS_DEV: 'true',
  });
  await ensureTable(dynamo.endpoint, 'bench-reliability');
  const { allRoutes, call } = await import('../test/support/api.ts');
  const { casesOf, emptyReport, runCases } = await import('../test/support/fuzz.ts');
  const { makeHeadOffice, makeProperty } = await import('../test/support/world.ts');
  const { injectFaults, seededRandom } = await import('../test/support/faults.ts');
  const { partialRecords } = await import('../test/support/faults-records.ts');
  const { parallelSaves, slaJobThroughFaults } = await import('../test/support/faults-scenarios.ts');
  const { acknowledgedWrites, lostWrites, runClient } = await import('./load-traffic.ts');
  const metrics: Record<string, number> = {};

  // Fuzz: a fresh pair of properties per round keeps each footprint small; rounds until the target.
  const fuzz = emptyReport();
  const hq = await makeHeadOffice();
  for (let round = 0; fuzz.requests < fuzzTarget && round < 26; round++) {
    const letter = String.fromCharCode(65 + round);
    const [world, other] = await Promise.all([makeProperty(`F${letter}`), makeProperty(`G${letter}`)]);
    for (const [i, route] of allRoutes.entries())
      await runCases(
        casesOf(route, world, seed * 1000 + round * 100 + i, casesPerRoute),
        {
          world,
          other,
          headOffice: hq.token,
        },
        fuzz,
      );
    log(
      `fuzz: ${fuzz.requests} requests, ${fuzz.fiveXx.length} 5xx, ${fuzz.writesOnRejected.length} writes on rejected`,
    );
  }
  for (const line of [...fuzz.fiveXx, ...fuzz.writesOnRejected, ...fuzz.other].slice(0, 10))
    log(`fuzz finding: ${line}`);
  Object.assign(metrics, {
    'reliability.fuzz_requests': fuzz.requests,
    'reliability.fuzz_5xx': fuzz.fiveXx.length,
    'reliability.fuzz_writes_on_rejected': fuzz.writesOnRejected.length,
    'reliability.fuzz_other_findings': fuzz.other.length,
    'reliability.fuzz_rejected_share': Number(
      (
        Object.entries(fuzz.byStatus).reduce((n, [s, c]) => n + (Number(s) >= 400 ? c : 0), 0) / fuzz.requests
      ).toFixed(3),
    ),
  });

  // Injected faults: front-desk clients at once while one DynamoDB call in ten fails.
  const place = await makeProperty('RF');
  const desk = {
    propertyId: place.property.id,
    frontDeskToken: place.tokens.front_desk,
    technicianToken: place.tokens.technician,
    technicianId: place.staff.technician.id,
    units: [place.unit, place.vacantUnit].map((u) => ({ id: u.id, roomCode: u.roomCode })),
  };
  const send = (token: string, method: string, path: string, body?: unknown) =>
    call(token, method, path, body);
  const acknowledged = acknowledgedWrites();
  const faults = injectFaults({ rate: 0.1, seed });
  const outcomes = await Promise.all(
    Array.from({ length: faultClients }, (_, i) =>
      runClient(send, desk, {
        rng: seededRandom(seed + i),
        more: (done) => done < faultRequestsPerClient,
        allowUnavailable: true,
        acknowledged,
      }),
    ),
  ).finally(() => faults.remove());
  const partial = await partialRecords(place.property.id);
  const lost = await lostWrites(send, desk, acknowledged);
  for (const line of [...outcomes.flatMap((o) => o.errors), ...partial, ...lost].slice(0, 10))
    log(`faults finding: ${line}`);
  const job = await slaJobThroughFaults('RJ', seed);
  const noticesOff = Object.values(job.notices).reduce((n, c) => n + Math.abs(c - 1), 0);
  Object.assign(metrics, {
    'reliability.fault_requests': outcomes.reduce((n, o) => n + o.requests, 0),
    'reliability.fault_injected': faults.counts.failed,
    'reliability.fault_503': outcomes.reduce((n, o) => n + o.unavailable, 0),
    'reliability.fault_5xx_other_than_503': outcomes.reduce((n, o) => n + o.serverErrors, 0),
    'reliability.fault_other_errors': outcomes.reduce((n, o) => n + o.errors.length - o.serverErrors, 0),
    'reliability.fault_partial_records': partial.length + job.partial.length,
    'reliability.fault_lost_writes': lost.length,
    'reliability.fault_job_failed_runs': job.failedRuns,
    'reliability.fault_job_succeeded': job.succeeded ? 1 : 0,
    'reliability.fault_job_notices_not_once': noticesOff,
  });

  // Conflicts: 50 parallel saves of one household from the same version.
  const conflicts = await parallelSaves(await makeProperty('RC'), 50);
  Object.assign(metrics, {
    'reliability.conflict_saved': conflicts.saved,
    'reliability.conflict_409': conflicts.conflicts,
    'reliability.conflict_other': conflicts.other.length,
    'reliability.conflict_audit_entries': conflicts.auditEntriesAdded,
  });
  process.stdout.write(`${JSON.stringify(metrics)}\n`);
} finally {
  await dynamo.stop();
}
process.exit(0);
