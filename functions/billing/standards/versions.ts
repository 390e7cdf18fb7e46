/** Which version of a fee standard a month uses; plain code, shared by the bill run and the dashboard. */
import type { FeeStandard, FeeStandardVersion } from '../records.ts';

/** The version of `standard` in force in `period`: the last one that took effect by then. */
export function versionFor(standard: FeeStandard, period: string): FeeStandardVersion | undefined {
  return standard.versions.filter((v) => v.effectiveFrom <= period).at(-1);
}
