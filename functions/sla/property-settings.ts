/**
 * A property's SLA settings: it stores only its overrides of the standards (`property.slaSettings`);
 * every reader (ticket writes, the sweep, the settings page) lays them over the defaults the same way.
 */
import type { Property } from '../directory/records.ts';
import { resolveSlaSettings, type SlaSettings, type SlaSettingsOverrides } from './policies.ts';

/** What the property changed, nothing else. */
export const overridesOf = (property: Property): SlaSettingsOverrides =>
  (property as { slaSettings?: SlaSettingsOverrides }).slaSettings ?? {};

/** The property's SLA settings: the standards' defaults with its overrides laid over them. */
export const settingsOf = (property: Property): SlaSettings => resolveSlaSettings(overridesOf(property));
