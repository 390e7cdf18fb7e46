import '../tickets/tickets.css';
import { useState } from 'preact/hooks';
import type { ActedTicket, Page, Staff } from '../../../functions/contract.ts';
import { ApiError, dir, isNotFound, isStale } from '../api.ts';
import { ActionForm } from '../components/ActionForm.tsx';
import { PhotoStrip } from '../components/PhotoStrip.tsx';
import { SlaBadge } from '../components/SlaBadge.tsx';
import { Badge, ErrorBox, Loading, NoAccess, Notice } from '../components/ui.tsx';
import { useLoad } from '../hooks.ts';
import { formatDateTime, t, tOr } from '../i18n.ts';
import { can, me } from '../state.ts';
import {
  type TicketDetail as Detail,
  loadKinds,
  type TimelineEntry,
  ticketCaller,
  ticketContent,
  tk,
} from '../tickets/api.ts';
import { headlineClock } from '../tickets/countdown.ts';
import { actionName, kindLabel, slaLabel, stateLabel, useNow } from '../tickets/labels.ts';

/** The steps that take photos, in the order the work happens. */
const photoSteps = ['create', 'complete', 'accept'];

function inputSummary(input: Record<string, unknown>, staffName: (id: string) => string): string {
  return Object.entries(input ?? {})
    .filter(([, v]) => v !== null && v !== undefined && typeof v !== 'object')
    .map(([k, v]) => {
      const value =
        typeof v === 'boolean'
          ? v
            ? t('ticket.yes')
            : t('ticket.no')
          : k.endsWith('Id')
            ? staffName(String(v))
            : typeof v === 'string' && /^\d{4}-\d\d-\d\dT/.test(v)
              ? formatDateTime(v)
              : k.endsWith('Cents')
                ? `${(Number(v) / 100).toFixed(2)} ${t('ticket.yuan')}`
                : tOr(`option.${v}`, String(v));
      return `${tOr(`field.${k}`, k)}：${value}`;
    })
    .join('；');
}

export default function TicketDetail({ propertyId, ticketId }: { propertyId: string; ticketId: string }) {
  const now = useNow();
  const kinds = useLoad(() => loadKinds(), []);
  const detail = useLoad(
    (signal) => tk.get<Detail>(`/properties/${propertyId}/tickets/${ticketId}`, undefined, signal),
    [propertyId, ticketId],
  );
  const staff = useLoad(
    (signal) =>
      can('staff.read')
        ? dir.get<Page<Staff>>(`/properties/${propertyId}/staff`, { limit: 100 }, signal)
        : Promise.resolve({ items: [], cursor: null }),
    [propertyId],
  );
  const [open, setOpen] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<{ kind: 'success' | 'warn'; text: string } | null>(null);
  const [error, setError] = useState<unknown>(null);

  if (isNotFound(detail.error)) return <NoAccess />;
  if (!detail.data || !kinds.data) {
    return detail.error || kinds.error ? (
      <ErrorBox error={detail.error ?? kinds.error} onRetry={detail.error ? detail.reload : kinds.reload} />
    ) : (
      <Loading />
    );
  }
  const { ticket, allowedActions, timeline, photos } = detail.data;
  const kind = kinds.data[ticket.kind];
  const people = staff.data?.items ?? [];
  const staffName = (id: string) =>
    id === me.value?.staff.id ? t('ticket.assignedToMe') : (people.find((s) => s.id === id)?.name ?? '');
  const caller = ticketCaller(ticket);
  // A technician works from their own list, so that is where "back" leads.
  const onlyTechnician = me.value?.staff.roles.every((r) => r === 'technician') ?? false;
  const headline = headlineClock(ticket.slas);

  const submit = async (action: string, input: Record<string, unknown>) => {
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      await tk.post<ActedTicket>(`/properties/${propertyId}/tickets/${ticketId}/actions/${action}`, {
        version: ticket.version,
        input,
      });
      setOpen(null);
      setNotice({ kind: 'success', text: t('ticket.done', { action: actionName(ticket.kind, action) }) });
      detail.reload();
    } catch (err) {
      if (isStale(err)) {
        setOpen(null);
        setNotice({ kind: 'warn', text: t('ticket.stale') });
        detail.reload();
      } else if (err instanceof ApiError && err.status === 409 && err.code === 'illegal_transition') {
        const allowed = ((err.details as { allowed?: string[] } | null)?.allowed ?? []).map((a) =>
          actionName(ticket.kind, a),
        );
        setOpen(null);
        setNotice({
          kind: 'warn',
          text: allowed.length
            ? t('ticket.illegal', { actions: allowed.join('、') })
            : t('ticket.illegalNone'),
        });
        detail.reload();
      } else {
        setError(err);
      }
    } finally {
      setBusy(false);
    }
  };

  const facts: [string, preact.ComponentChildren][] = [
    [
      t('ticket.caller'),
      caller ? (
        <span>
          {caller.name} {caller.phone && <span class="mono">{caller.phone}</span>}
        </span>
      ) : (
        '—'
      ),
    ],
    [
      t('ticket.unit'),
      ticket.unitId ? (
        <a href={`/p/${propertyId}/units/${ticket.unitId}`} data-testid="ticket-unit">
          {ticket.roomCode ?? '—'}
        </a>
      ) : (
        (ticket.location?.place ?? '—')
      ),
    ],
    [t('ticket.opened'), formatDateTime(ticket.openedAt)],
    [t('ticket.channel'), ticket.channel ? tOr(`channel.${ticket.channel}`, ticket.channel) : '—'],
  ];
  if (ticket.location?.place && ticket.unitId) facts.push([t('ledger.place'), ticket.location.place]);
  if (ticket.appointmentAt) facts.push([t('ticket.appointment'), formatDateTime(ticket.appointmentAt)]);
  if (ticket.assigneeId) facts.push([t('ticket.assignee'), staffName(ticket.assigneeId)]);
  if (ticket.department) facts.push([t('ticket.department'), ticket.department]);
  if (ticket.deadlineAt) facts.push([t('ticket.deadline'), formatDateTime(ticket.deadlineAt)]);
  if (ticket.replyBy) facts.push([t('ticket.replyBy'), formatDateTime(ticket.replyBy)]);
  if (ticket.originalReplyBy)
    facts.push([t('ticket.originalReplyBy'), formatDateTime(ticket.originalReplyBy as string)]);

  const clocks = Object.entries(ticket.slas ?? {});
  const openAction = open ? kind.actions[open] : null;

  return (
    <div class="page ticket-page" data-testid="ticket-detail">
      {onlyTechnician ? (
        <a class="back-link" href={`/p/${propertyId}/my-jobs`}>
          ← {t('nav.myJobs')}
        </a>
      ) : (
        <a class="back-link" href={`/p/${propertyId}/tickets`}>
          ← {t('ticket.back')}
        </a>
      )}
      <div class="card ticket-head">
        <div class="ticket-head-top">
          <Badge tone="blue">{kindLabel(ticket.kind)}</Badge>
          {ticket.severity === 'urgent' && <span class="urgent-mark">{t('tickets.urgent')}</span>}
          <span class="state-label" data-testid="ticket-state">
            {stateLabel(ticket.kind, ticket.state)}
          </span>
          {headline && <SlaBadge sla={headline[1]} now={now} title={slaLabel(ticket.kind, headline[0])} />}
        </div>
        <h1 class="ticket-title">{ticketContent(ticket)}</h1>
      </div>

      {notice && <Notice kind={notice.kind}>{notice.text}</Notice>}
      <ErrorBox error={error} />

      <section class="card ticket-actions" aria-label={t('ticket.actions')}>
        <h2>{t('ticket.actions')}</h2>
        {allowedActions.length === 0 ? (
          <p class="muted">{t('ticket.noActions')}</p>
        ) : openAction && open ? (
          <ActionForm
            key={open}
            propertyId={propertyId}
            action={open}
            label={actionName(ticket.kind, open)}
            fields={openAction.fields}
            staff={people}
            busy={busy}
            onSubmit={(input) => void submit(open, input)}
            onCancel={() => setOpen(null)}
          />
        ) : (
          <div class="action-buttons">
            {allowedActions.map((a) => (
              <button
                key={a}
                type="button"
                class="btn btn-large"
                data-action={a}
                disabled={busy}
                onClick={() => {
                  setNotice(null);
                  setError(null);
                  const fields = kind.actions[a]?.fields ?? [];
                  // An action with nothing to fill in (start, close) is taken at once.
                  if (fields.some((f) => f.type !== 'list')) setOpen(a);
                  else
                    void submit(
                      a,
                      Object.fromEntries(fields.filter((f) => f.required).map((f) => [f.name, []])),
                    );
                }}
              >
                {actionName(ticket.kind, a)}
              </button>
            ))}
          </div>
        )}
      </section>

      <div class="ticket-grid">
        <section class="card">
          <dl class="facts">
            {facts.map(([label, value]) => (
              <div key={label} class="fact">
                <dt>{label}</dt>
                <dd>{value}</dd>
              </div>
            ))}
          </dl>
        </section>
        <section class="card" aria-label={t('ticket.clocks')}>
          <h2>{t('ticket.clocks')}</h2>
          {clocks.length === 0 ? (
            <p class="muted">{t('ticket.noClocks')}</p>
          ) : (
            <ul class="clock-list" data-testid="sla-clocks">
              {clocks.map(([name, sla]) => (
                <li key={name}>
                  <div>
                    <div>{slaLabel(ticket.kind, name)}</div>
                    {sla.dueAt && (
                      <div class="muted small">{t('sla.due', { at: formatDateTime(sla.dueAt) })}</div>
                    )}
                  </div>
                  <SlaBadge sla={sla} now={now} />
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>

      {photos.length > 0 && (
        <section class="card ticket-photos" aria-label={t('photos.title')}>
          <h2>{t('photos.title')}</h2>
          {photoSteps.map((step) => (
            <PhotoStrip
              key={step}
              photos={photos.filter((p) => p.step === step)}
              label={tOr(`photos.step.${step}`, actionName(ticket.kind, step))}
            />
          ))}
        </section>
      )}

      <section class="card" aria-label={t('ticket.timeline')}>
        <h2>{t('ticket.timeline')}</h2>
        <ol class="timeline" data-testid="timeline">
          {timeline.map((e: TimelineEntry) => (
            <li key={e.id}>
              <div class="timeline-when muted small">{formatDateTime(e.at)}</div>
              <div>
                <strong>{actionName(ticket.kind, e.action)}</strong>
                <span class="muted"> → {stateLabel(ticket.kind, e.to)}</span>
                {staffName(e.by) && <span class="muted small"> · {staffName(e.by)}</span>}
              </div>
              {e.action !== 'create' && inputSummary(e.input, staffName) && (
                <div class="timeline-input small">{inputSummary(e.input, staffName)}</div>
              )}
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}
