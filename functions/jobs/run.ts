import { jobPayload, jobs } from './index.ts';

/**
 * The one way a job runs, in both hosts: validate the payload and run, as nobody. A job has no
 * company-wide actor: it reaches a property only through forEachProperty or asSystemOf, as that
 * property's system, so whatever it does stays inside the property it works on.
 */
export async function runJob(event: unknown) {
  const payload = jobPayload.parse(event);
  const job = jobs.find((j) => j.name === payload.job);
  if (!job) throw new Error(`Unknown job ${payload.job}`);
  const run = await job.run();
  const result = await run(payload);
  return { job: job.name, ...result };
}
