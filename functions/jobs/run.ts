import { systemActor, withActor } from '../shared/actor.ts';
import { jobPayload, jobs } from './index.ts';

/** The one way a job runs, in both hosts: validate the payload, act as the system, run. */
export async function runJob(event: unknown) {
  const payload = jobPayload.parse(event);
  const job = jobs.find((j) => j.name === payload.job);
  if (!job) throw new Error(`Unknown job ${payload.job}`);
  const run = await job.run();
  const result = await withActor(systemActor, () => run(payload));
  return { job: job.name, ...result };
}
