import '../settings.css';
import { useEffect, useState } from 'preact/hooks';
import { escalationRoles, type SlaSettingsView } from '../../../functions/contract.ts';
import { ApiError, isNotFound, isStale } from '../api.ts';
import { Badge, ErrorBox, Loading, NoAccess, Notice, PageHeader, Spinner } from '../components/ui.tsx';
import { useLoad } from '../hooks.ts';
import { hoursText, type MsgKey, t } from '../i18n.ts';
import { ticketsApi } from '../settings-api.ts';
import { can } from '../state.ts';

type SlaSettings = SlaSettingsView;
type PolicyRow = SlaSettings['policies'][number];
type TargetRow = PolicyRow['targets'][number];
type Target = TargetRow['target'];
type Step = PolicyRow['escalation'][number];

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const msg = (key: string) => t(key as MsgKey);

/** The measure as one choice: calendar time, service hours, office hours (or the agreed time). */
const measureKey = (x: Target) => (x.measure === 'working' ? x.calendar : x.measure);
function withMeasure(x: Target, key: string): Target {
  const minutes = 'minutes' in x ? x.minutes : 60;
  if (key === 'calendar') return { measure: 'calendar', minutes, warnAt: x.warnAt };
  if (key === 'service' || key === 'office')
    return { measure: 'working', calendar: key, minutes, warnAt: x.warnAt };
  return x;
}

function limitText(x: Target): string {
  if (!('minutes' in x)) return t('sla.agreedWithin', { n: x.horizonDays ?? 30 });
  const value =
    x.minutes % 60 === 0
      ? `${x.minutes / 60} ${t('slaSettings.unit.hours')}`
      : `${x.minutes} ${t('slaSettings.unit.minutes')}`;
  return `${value} · ${msg(`sla.measure.${measureKey(x)}`)}`;
}

function LimitInput({
  target,
  onChange,
  disabled,
  label,
}: {
  target: Target & { minutes: number };
  onChange: (minutes: number) => void;
  disabled: boolean;
  label: string;
}) {
  const [unit, setUnit] = useState<'h' | 'm'>(target.minutes % 60 === 0 ? 'h' : 'm');
  const factor = unit === 'h' ? 60 : 1;
  return (
    <span class="sla-limit">
      <input
        type="number"
        min={unit === 'h' ? 0.5 : 1}
        step={unit === 'h' ? 0.5 : 1}
        value={target.minutes / factor}
        disabled={disabled}
        aria-label={label}
        data-testid="sla-limit"
        onInput={(e) => {
          const value = Number(e.currentTarget.value);
          if (Number.isFinite(value) && value > 0) onChange(Math.round(value * factor));
        }}
      />
      <select
        value={unit}
        disabled={disabled}
        aria-label={t('sla.limit')}
        onChange={(e) => setUnit(e.currentTarget.value as 'h' | 'm')}
      >
        <option value="h">{t('slaSettings.unit.hours')}</option>
        <option value="m">{t('slaSettings.unit.minutes')}</option>
      </select>
    </span>
  );
}

function Ladder({
  steps,
  onChange,
  disabled,
}: {
  steps: Step[];
  onChange: (s: Step[]) => void;
  disabled: boolean;
}) {
  const set = (i: number, patch: Partial<Step>) =>
    onChange(steps.map((s, j) => (j === i ? { ...s, ...patch } : s)));
  return (
    <div class="sla-ladder">
      {!steps.length && <span class="muted">{t('sla.noLadder')}</span>}
      {steps.map((step, i) => (
        <div class="sla-step" key={i}>
          <span class="step-num">{i + 1}</span>
          <input
            type="number"
            min={0}
            value={step.afterMinutes}
            disabled={disabled}
            aria-label={t('sla.afterMinutes')}
            onInput={(e) =>
              set(i, { afterMinutes: Math.max(0, Math.round(Number(e.currentTarget.value) || 0)) })
            }
          />
          <span class="small muted">{t('sla.afterMinutes')}</span>
          <select
            value={step.notify}
            disabled={disabled}
            aria-label={t('sla.ladder')}
            onChange={(e) => set(i, { notify: e.currentTarget.value as Step['notify'] })}
          >
            {escalationRoles.map((r) => (
              <option key={r} value={r}>
                {msg(`sla.notify.${r}`)}
              </option>
            ))}
          </select>
          {!disabled && (
            <button type="button" class="link-btn" onClick={() => onChange(steps.filter((_, j) => j !== i))}>
              {t('sla.removeStep')}
            </button>
          )}
        </div>
      ))}
      {!disabled && steps.length < 10 && (
        <button
          type="button"
          class="link-btn"
          onClick={() =>
            onChange([
              ...steps,
              { afterMinutes: (steps[steps.length - 1]?.afterMinutes ?? 0) + 30, notify: 'property_manager' },
            ])
          }
        >
          {t('sla.addStep')}
        </button>
      )}
    </div>
  );
}

/** A refused field of the 422, in the user's words: which row, and which rule it breaks. */
function problemOf(d: { path?: string; message: string; step?: { withinMinutes: number; source: string } }): {
  row: string;
  text: string;
} {
  const [, , kind, severity, part, name, field] = (d.path ?? '').split('.');
  const label = `${msg(`sla.kind.${kind}`)}（${msg(`sla.severity.${severity}`)}）`;
  if (part === 'escalation')
    return {
      row: `${kind}.${severity}.escalation`,
      text: t('sla.problemLadder', {
        label,
        minutes: d.step?.withinMinutes ?? '',
        source: d.step?.source ?? '',
      }),
    };
  const target = `${label}${msg(`sla.target.${name}`)}`;
  const key =
    field === 'warnAt'
      ? 'sla.problemWarn'
      : field === 'measure'
        ? 'sla.problemAgreed'
        : 'sla.problemStandard';
  return { row: `${kind}.${severity}.${name}`, text: t(key, { label: target }) };
}

/** The whole table as overrides; the server drops what equals the standard. */
function toOverrides(policies: PolicyRow[]) {
  const out: Record<string, Record<string, unknown>> = {};
  for (const p of policies) {
    out[p.kind] ??= {};
    out[p.kind]![p.severity] = {
      targets: Object.fromEntries(p.targets.map((row) => [row.name, row.target])),
      escalation: p.escalation,
    };
  }
  return { policies: out };
}

export default function SlaSettingsPage({ propertyId }: { propertyId: string }) {
  const loaded = useLoad(
    (signal) => ticketsApi.get<SlaSettings>(`/properties/${propertyId}/sla-settings`, undefined, signal),
    [propertyId],
  );
  const [draft, setDraft] = useState<PolicyRow[] | null>(null);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const editable = can('sla.configure');
  useEffect(() => {
    if (loaded.data) setDraft(structuredClone(loaded.data.policies));
  }, [loaded.data]);

  if (isNotFound(loaded.error)) return <NoAccess />;
  const data = loaded.data;
  const problems = error instanceof ApiError && error.status === 422 ? error.detailList.map(problemOf) : [];
  const dirty = !!data && !!draft && !same(draft, data.policies);

  const edit = (pi: number, change: (p: PolicyRow) => PolicyRow) => {
    setSaved(false);
    setDraft((d) => (d ? d.map((p, i) => (i === pi ? change(structuredClone(p)) : p)) : d));
  };
  const editTarget = (pi: number, name: string, next: Target) =>
    edit(pi, (p) => ({
      ...p,
      targets: p.targets.map((row) => (row.name === name ? { ...row, target: next } : row)),
    }));

  const save = async (policies: PolicyRow[] | null) => {
    if (!data) return;
    setSaving(true);
    setError(null);
    try {
      const next = await ticketsApi.send<SlaSettings>('PUT', `/properties/${propertyId}/sla-settings`, {
        version: data.version,
        overrides: policies ? toOverrides(policies) : {},
      });
      loaded.setData(next);
      setSaved(true);
    } catch (err) {
      setError(err);
    } finally {
      setSaving(false);
    }
  };

  return (
    <div class="page" data-testid="sla-page">
      <PageHeader title={t('nav.sla')} subtitle={t('sla.subtitle')}>
        {editable && data && (
          <button type="button" class="btn" disabled={saving} onClick={() => void save(null)}>
            {t('sla.resetAll')}
          </button>
        )}
      </PageHeader>
      {!editable && <Notice>{t('sla.readOnly')}</Notice>}
      {loaded.loading && !data ? (
        <Loading />
      ) : !data || !draft ? (
        <ErrorBox error={loaded.error} onRetry={loaded.reload} />
      ) : (
        <>
          <div class="table-wrap card">
            <table class="table sla-table" data-testid="sla-table">
              <thead>
                <tr>
                  <th>{t('sla.kind')}</th>
                  <th>{t('sla.target')}</th>
                  <th>{t('sla.limit')}</th>
                  <th>{t('sla.measure')}</th>
                  <th>{t('sla.warnAt')}</th>
                  <th>{t('sla.standard')}</th>
                  <th>{t('sla.ladder')}</th>
                </tr>
              </thead>
              <tbody>
                {draft.map((policy, pi) =>
                  policy.targets.map((row, ti) => {
                    const x = row.target;
                    const changed = !same(x, row.standard);
                    const label = `${msg(`sla.kind.${policy.kind}`)} ${msg(`sla.severity.${policy.severity}`)} ${msg(`sla.target.${row.name}`)}`;
                    return (
                      <tr
                        key={`${policy.kind}-${policy.severity}-${row.name}`}
                        class={`${ti === 0 ? 'sla-policy-start' : ''}${
                          problems.some((p) => p.row === `${policy.kind}.${policy.severity}.${row.name}`)
                            ? ' sla-row-error'
                            : ''
                        }`}
                        data-row={`${policy.kind}.${policy.severity}.${row.name}`}
                      >
                        {ti === 0 && (
                          <th scope="rowgroup" rowSpan={policy.targets.length} class="sla-kind">
                            {msg(`sla.kind.${policy.kind}`)}
                            <div>
                              <Badge tone={policy.severity === 'urgent' ? 'red' : 'gray'}>
                                {msg(`sla.severity.${policy.severity}`)}
                              </Badge>
                            </div>
                          </th>
                        )}
                        <td>
                          <div class="strong">{msg(`sla.target.${row.name}`)}</div>
                          {row.tightenOnly && (
                            <div class="small muted">
                              {t('sla.tightenOnly', { source: row.source ?? '' })}
                            </div>
                          )}
                        </td>
                        <td>
                          {'minutes' in x ? (
                            <LimitInput
                              key={`${pi}-${row.name}-${data.version}`}
                              target={x}
                              disabled={!editable}
                              label={label}
                              onChange={(minutes) => editTarget(pi, row.name, { ...x, minutes })}
                            />
                          ) : (
                            <label class="sla-warn">
                              {t('sla.agreedHorizon')}
                              <input
                                type="number"
                                min={1}
                                max={365}
                                step={1}
                                value={x.horizonDays ?? 30}
                                disabled={!editable}
                                aria-label={`${label} ${t('sla.agreedHorizon')}`}
                                onInput={(e) => {
                                  const days = Number(e.currentTarget.value);
                                  if (Number.isInteger(days) && days >= 1 && days <= 365)
                                    editTarget(pi, row.name, { ...x, horizonDays: days });
                                }}
                              />
                              {t('sla.horizonDays')}
                            </label>
                          )}
                        </td>
                        <td>
                          {x.measure === 'agreed' ? (
                            <span class="small">{t('sla.measure.agreed')}</span>
                          ) : (
                            <select
                              class="sla-measure"
                              value={measureKey(x)}
                              disabled={!editable}
                              aria-label={`${label} ${t('sla.measure')}`}
                              onChange={(e) =>
                                editTarget(pi, row.name, withMeasure(x, e.currentTarget.value))
                              }
                            >
                              {['calendar', 'service', 'office'].map((m) => (
                                <option key={m} value={m}>
                                  {msg(`sla.measure.${m}`)}
                                </option>
                              ))}
                            </select>
                          )}
                        </td>
                        <td>
                          <span class="sla-warn">
                            <input
                              type="number"
                              min={50}
                              max={95}
                              step={5}
                              value={Math.round(x.warnAt * 100)}
                              disabled={!editable}
                              aria-label={`${label} ${t('sla.warnAt')}`}
                              onInput={(e) => {
                                const pct = Number(e.currentTarget.value);
                                if (Number.isFinite(pct) && pct > 0 && pct < 100)
                                  editTarget(pi, row.name, { ...x, warnAt: pct / 100 });
                              }}
                            />
                            %
                          </span>
                        </td>
                        <td>
                          {changed ? (
                            <>
                              <Badge tone="amber">{t('sla.changed')}</Badge>
                              <div class="small muted">
                                {t('sla.standardValue', { value: limitText(row.standard) })}
                              </div>
                              {editable && (
                                <button
                                  type="button"
                                  class="link-btn"
                                  onClick={() => editTarget(pi, row.name, structuredClone(row.standard))}
                                >
                                  {t('sla.reset')}
                                </button>
                              )}
                            </>
                          ) : (
                            <Badge tone="green">{t('sla.standard')}</Badge>
                          )}
                        </td>
                        {ti === 0 && (
                          <td rowSpan={policy.targets.length} class="sla-ladder-cell">
                            <Ladder
                              steps={policy.escalation}
                              disabled={!editable}
                              onChange={(steps) => edit(pi, (p) => ({ ...p, escalation: steps }))}
                            />
                            {!same(policy.escalation, policy.standardEscalation) && (
                              <div>
                                <Badge tone="amber">{t('sla.changed')}</Badge>{' '}
                                {editable && (
                                  <button
                                    type="button"
                                    class="link-btn"
                                    onClick={() =>
                                      edit(pi, (p) => ({
                                        ...p,
                                        escalation: structuredClone(p.standardEscalation),
                                      }))
                                    }
                                  >
                                    {t('sla.reset')}
                                  </button>
                                )}
                              </div>
                            )}
                          </td>
                        )}
                      </tr>
                    );
                  }),
                )}
              </tbody>
            </table>
          </div>
          <div class="card sla-footer">
            <div class="small muted">
              {t('sla.officeHours')}：{hoursText(data.officeHours)}。{t('sla.serviceHoursNote')}
            </div>
            {error instanceof ApiError && error.status === 422 && (
              <div class="alert alert-error" role="alert">
                <div class="alert-body">
                  <strong>{t('sla.error', { n: problems.length })}</strong>
                  <ul class="detail-list">
                    {problems.map((p) => (
                      <li key={`${p.row}-${p.text}`}>{p.text}</li>
                    ))}
                  </ul>
                </div>
              </div>
            )}
            {!(error instanceof ApiError && error.status === 422) && (
              <ErrorBox error={error} onRetry={isStale(error) ? loaded.reload : undefined} />
            )}
            {saved && <Notice kind="success">{t('sla.saved')}</Notice>}
            {editable && (
              <div class="form-actions">
                {dirty && <span class="muted">{t('sla.unsaved')}</span>}
                <button
                  type="button"
                  class="btn"
                  disabled={!dirty || saving}
                  onClick={() => setDraft(structuredClone(data.policies))}
                >
                  {t('common.cancel')}
                </button>
                <button
                  type="button"
                  class="btn btn-primary"
                  disabled={!dirty || saving}
                  data-testid="sla-save"
                  onClick={() => void save(draft)}
                >
                  {saving && <Spinner />}
                  {saving ? t('common.saving') : t('sla.save')}
                </button>
              </div>
            )}
          </div>
        </>
      )}
    </div>
  );
}
