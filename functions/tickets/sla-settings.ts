/**
 * SLA policy settings per property (issue 3, parts 5 and 12). A property stores only its overrides
 * (`property.slaSettings`, read by `settingsOf`); new tickets start their clocks from them, running
 * tickets keep the due times they were given.
 *
 * What a property may change (docs/decisions/006-ledger-review-and-sla-standards.md), as the service
 * standards table says (../sla/standards.ts, docs/service-standards.md):
 * - a target with a floor may only be tightened: same measure, no more minutes. Loosening is a 422
 *   `loosens_standard`.
 * - a ladder must still reach each role a standard names within that standard's minutes.
 * - our own defaults (no floor) may be set either way within the schema's bounds, but never to an
 *   agreed time, which only an inquiry has.
 * - a warning fires within the warning bounds of the table.
 */
import * as z from 'zod/mini';
import { propertyItem } from '../directory/items.ts';
import type { Property } from '../directory/records.ts';
import { unprocessable } from '../shared/errors.ts';
import { fn } from '../shared/fn.ts';
import type { Domain } from '../shared/http.ts';
import { components, jsonBody, ok } from '../shared/openapi.ts';
import { propertyStore } from '../shared/store.ts';
import { keys } from '../shared/table.ts';
import {
  defaultSlaSettings,
  type EscalationRole,
  type EscalationStep,
  escalationRoles,
  escalationStepSchema,
  resolveSlaSettings,
  type SlaSettingsOverrides,
  type SlaTarget,
  severities,
  slaSettingsOverrides,
  slaSettingsSchema,
  slaTargetSchema,
  type TicketKind,
  ticketKinds,
} from '../sla/policies.ts';
import { overridesOf } from '../sla/property-settings.ts';
import { type Measure, requiredStepsOf, targetStandardOf, warningStandard } from '../sla/standards.ts';
import { id } from './schemas.ts';

type Severity = (typeof severities)[number];

export const warnBounds = { min: warningStandard.min, max: warningStandard.max } as const;

/** Key order does not make two targets different. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, canonical((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}
const same = (a: unknown, b: unknown) => JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));

const defaultTargets = (kind: TicketKind, severity: Severity) =>
  defaultSlaSettings.policies[kind][severity].targets as Record<string, SlaTarget | undefined>;

interface Problem {
  path: string;
  message: string;
  /** A ladder problem names the standard's step, so the page can say it in the user's words. */
  step?: { notify: EscalationRole; withinMinutes: number; source: string };
}

/** Within the floor: the same measure (and calendar), no more minutes. */
function withinFloor(target: SlaTarget, floor: Measure): boolean {
  const sameMeasure =
    target.measure === floor.measure &&
    (target.measure !== 'working' || (floor.measure === 'working' && target.calendar === floor.calendar));
  return sameMeasure && !('minutes' in target && 'minutes' in floor && target.minutes > floor.minutes);
}

function checkTarget(kind: TicketKind, severity: Severity, name: string, target: SlaTarget): Problem[] {
  const path = `overrides.policies.${kind}.${severity}.targets.${name}`;
  if (!defaultTargets(kind, severity)[name]) {
    return [{ path, message: `A ${severity} ${kind} has no ${name} target` }];
  }
  const problems: Problem[] = [];
  if (target.warnAt < warnBounds.min || target.warnAt > warnBounds.max) {
    problems.push({
      path: `${path}.warnAt`,
      message: `Warn between ${warnBounds.min * 100} % and ${warnBounds.max * 100} % of the target`,
    });
  }
  const standard = targetStandardOf(kind, severity, name);
  if (standard?.floor) {
    if (!withinFloor(target, standard.floor)) {
      problems.push({ path, message: `The service standard (${standard.source}) may only be tightened` });
    }
  } else if (target.measure === 'agreed') {
    problems.push({ path: `${path}.measure`, message: 'Only an inquiry is due at an agreed time' });
  }
  return problems;
}

function checkLadder(kind: TicketKind, severity: Severity, ladder: EscalationStep[]): Problem[] {
  return requiredStepsOf(kind, severity)
    .filter((s) => !ladder.some((step) => step.notify === s.notify && step.afterMinutes <= s.withinMinutes))
    .map(({ notify, withinMinutes, source }) => ({
      path: `overrides.policies.${kind}.${severity}.escalation`,
      message: `The service standard (${source}) tells ${notify} within ${withinMinutes} minutes`,
      step: { notify, withinMinutes, source },
    }));
}

/** Refuses what loosens a standard (422) and drops what equals the default, so "overridden" is true. */
export function normalizeOverrides(overrides: SlaSettingsOverrides): SlaSettingsOverrides {
  const problems: Problem[] = [];
  const out: SlaSettingsOverrides = {};
  if (overrides.officeHours && !same(overrides.officeHours, defaultSlaSettings.officeHours)) {
    out.officeHours = overrides.officeHours;
  }
  const policies: Record<string, Record<string, unknown>> = {};
  for (const kind of ticketKinds) {
    for (const severity of severities) {
      const given = overrides.policies?.[kind]?.[severity];
      if (!given) continue;
      const defaults = defaultSlaSettings.policies[kind][severity];
      const targets: Record<string, SlaTarget> = {};
      for (const [name, target] of Object.entries(given.targets ?? {}) as [string, SlaTarget | undefined][]) {
        if (!target) continue;
        problems.push(...checkTarget(kind, severity, name, target));
        if (!same(target, defaultTargets(kind, severity)[name])) targets[name] = target;
      }
      const ladder = given.escalation;
      if (ladder) problems.push(...checkLadder(kind, severity, ladder));
      const changedLadder = ladder && !same(ladder, defaults.escalation) ? ladder : undefined;
      if (Object.keys(targets).length || changedLadder) {
        policies[kind] ??= {};
        policies[kind][severity] = {
          ...(Object.keys(targets).length ? { targets } : {}),
          ...(changedLadder ? { escalation: changedLadder } : {}),
        };
      }
    }
  }
  if (problems.length) {
    throw unprocessable('loosens_standard', 'These settings would loosen a service standard', problems);
  }
  if (Object.keys(policies).length) out.policies = policies as SlaSettingsOverrides['policies'];
  return out;
}

/** What the settings page shows: each policy's targets and ladder, the default beside it, what is overridden. */
export function effectiveSlaSettings(property: Property): SlaSettingsView {
  const overrides = overridesOf(property);
  const settings = resolveSlaSettings(overrides);
  return {
    propertyId: property.id,
    version: property.version,
    officeHours: settings.officeHours,
    officeHoursOverridden: Boolean(overrides.officeHours),
    warnBounds,
    policies: ticketKinds.flatMap((kind) =>
      severities.map((severity) => {
        const policy = settings.policies[kind][severity];
        const own = overrides.policies?.[kind]?.[severity];
        return {
          kind,
          severity,
          targets: Object.entries(policy.targets as Record<string, SlaTarget | undefined>)
            .filter((entry): entry is [string, SlaTarget] => Boolean(entry[1]))
            .map(([name, target]) => ({
              name,
              target,
              // Overrides may only name the standard's targets (checkTarget), so each has its default.
              standard: defaultTargets(kind, severity)[name]!,
              overridden: Boolean((own?.targets as Record<string, unknown> | undefined)?.[name]),
              tightenOnly: Boolean(targetStandardOf(kind, severity, name)?.floor),
              source: targetStandardOf(kind, severity, name)?.source ?? null,
            })),
          escalation: policy.escalation,
          standardEscalation: defaultSlaSettings.policies[kind][severity].escalation,
          escalationOverridden: Boolean(own?.escalation),
          requiredSteps: requiredStepsOf(kind, severity).map(({ notify, withinMinutes, source }) => ({
            kind,
            severity,
            notify,
            withinMinutes,
            source,
          })),
        };
      }),
    ),
    overrides,
  };
}

/** What GET and PUT answer: each policy's targets and ladder, the standard beside it, what is overridden. */
const slaSettingsView = z
  .object({
    propertyId: z.string(),
    /** The property's version: property and SLA edits share it. */
    version: z.int(),
    officeHours: slaSettingsSchema.shape.officeHours,
    officeHoursOverridden: z.boolean(),
    warnBounds: z.object({ min: z.number(), max: z.number() }),
    policies: z.array(
      z.object({
        kind: z.enum(ticketKinds),
        severity: z.enum(severities),
        targets: z.array(
          z.object({
            name: z.string(),
            target: slaTargetSchema,
            standard: slaTargetSchema,
            overridden: z.boolean(),
            tightenOnly: z.boolean(),
            source: z.nullable(z.string()),
          }),
        ),
        escalation: z.array(escalationStepSchema),
        standardEscalation: z.array(escalationStepSchema),
        escalationOverridden: z.boolean(),
        requiredSteps: z.array(
          z.object({
            kind: z.enum(ticketKinds),
            severity: z.enum(severities),
            notify: z.enum(escalationRoles),
            withinMinutes: z.int(),
            source: z.string(),
          }),
        ),
      }),
    ),
    overrides: slaSettingsOverrides,
  })
  .register(components, { id: 'SlaSettings' });
export type SlaSettingsView = z.infer<typeof slaSettingsView>;

export const slaSettingsParams = z.object({ propertyId: id });

export const getSlaSettings = fn(slaSettingsParams, async ({ propertyId }) => {
  const store = propertyStore(propertyId);
  return effectiveSlaSettings(await store.mustGet<Property>(keys.property(propertyId), 'Property'));
});

export const slaSettingsUpdate = z
  .strictObject({
    version: z.int().check(z.gte(1)),
    /** The whole set of overrides: what is left out is the standard again ("reset"). */
    overrides: slaSettingsOverrides,
  })
  .register(components, {
    id: 'SlaSettingsUpdate',
    example: {
      version: 1,
      overrides: {
        policies: {
          complaint: {
            normal: { targets: { reply: { measure: 'calendar', minutes: 1440, warnAt: 0.8 } } },
          },
        },
      },
    },
  });

export const updateSlaSettings = fn(
  z.extend(slaSettingsParams, { update: slaSettingsUpdate }),
  async ({ propertyId, update }) => {
    const store = propertyStore(propertyId);
    const current = await store.mustGet<Property>(keys.property(propertyId), 'Property');
    const overrides = normalizeOverrides(update.overrides);
    // Property edits and SLA edits share the property's version: either one makes the other reload.
    const next = await store.update<Property>(
      keys.property(propertyId),
      'Property',
      update.version,
      { slaSettings: overrides },
      { action: 'sla.settings.update', entity: 'property', entityId: propertyId },
      { current, item: propertyItem },
    );
    return effectiveSlaSettings(next);
  },
);

export function slaSettingsRoutes(domain: Domain) {
  domain.route(
    {
      method: 'get',
      path: '/properties/{propertyId}/sla-settings',
      operationId: 'getSlaSettings',
      summary: 'Read a property’s SLA policies beside the service standards',
      permission: 'property.read',
      request: { params: slaSettingsParams },
      responses: ok(
        slaSettingsView,
        'The effective SLA policies: the standards with this property’s overrides',
      ),
    },
    async (c) => c.json(await getSlaSettings(c.req.valid('param'))),
  );
  domain.route(
    {
      method: 'put',
      path: '/properties/{propertyId}/sla-settings',
      operationId: 'updateSlaSettings',
      summary: 'Set a property’s SLA overrides (only tightening the service standards)',
      permission: 'sla.configure',
      errors: { 422: 'The settings would loosen a service standard; error.details lists each one' },
      request: { params: slaSettingsParams, ...jsonBody(slaSettingsUpdate) },
      responses: ok(slaSettingsView, 'The effective SLA policies after the change'),
    },
    async (c) => c.json(await updateSlaSettings({ ...c.req.valid('param'), update: c.req.valid('json') })),
  );
}
