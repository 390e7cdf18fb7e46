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
import { can, me, propertyTimeZone } from '../state.ts';
import {
  type TicketDetail as Detail,
  type FormField,
  loadKinds,
  ticketCaller,
  ticketContent,
  tk,
} from '../tickets/api.ts';
import { CallHousehold } from '../tickets/CallHousehold.tsx';
import { appointmentMissed, headlineClock } from '../tickets/countdown.ts';
import '../tickets/find.css';
import { LedgerFacts } from '../tickets/LedgerFacts.tsx';
import { actionName, kindLabel, slaLabel, stateLabel, useNow } from '../tickets/labels.ts';
import { Timeline } from '../tickets/Timeline.tsx';

/** The steps that take photos, in the order the work happens. */
const photoSteps = ['create', 'complete', 'accept'];

/** An action's fields as this ticket's form asks them (the machine's `asks`: e.g. the fee of a paid service only). */
function askedFields(
  fields: FormField[],
  asks: { omit: string[]; require: string[] } | undefined,
): FormField[] {
  if (!asks) return fields;
  return fields
    .filter((f) => !asks.omit.includes(f.name))
    .map((f) => (asks.require.includes(f.name) ? { ...f, required: true } : f));
}

export default function TicketDetail({ propertyId, ticketId }: { propertyId: string; ticketId: string }) {
  const now = useNow();
  // Every time on the ticket is read on the property's clock, wherever the browser is.
  const timeZone = propertyTimeZone(propertyId);
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
  const { ticket, allowedActions, actionAsks, timeline, photos, contact } = detail.data;
  const kind = kinds.data[ticket.kind];
  const people = staff.data?.items ?? [];
  const names = Object.fromEntries(detail.data.people.map((p) => [p.id, p.name]));
  const staffName = (id: string) =>
    id === me.value?.staff.id
      ? t('ticket.assignedToMe')
      : (people.find((s) => s.id === id)?.name ?? names[id] ?? '');
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
      caller || ticket.householdId ? (
        <span class="caller">
          {caller?.name} <CallHousehold propertyId={propertyId} ticket={ticket} masked={caller?.phone} />
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
      ) : ticket.roomTyped ? (
        <span data-testid="ticket-room-typed">{t('ledgerRoom.typedOnTicket', { q: ticket.roomTyped })}</span>
      ) : (
        (ticket.location?.place ?? '—')
      ),
    ],
    [t('ticket.opened'), formatDateTime(ticket.openedAt, timeZone)],
    [t('ticket.channel'), ticket.channel ? tOr(`channel.${ticket.channel}`, ticket.channel) : '—'],
  ];
  if (ticket.location?.place && (ticket.unitId || ticket.roomTyped))
    facts.push([t('ledger.place'), ticket.location.place]);
  if (ticket.kind === 'complaint' && ticket.category)
    facts.push([t('find.category'), tOr(`complaintCategory.${ticket.category}`, String(ticket.category))]);
  if (ticket.appointmentAt)
    facts.push([
      t('ticket.appointment'),
      appointmentMissed(ticket, now) ? (
        <span class="missed-time">
          {formatDateTime(ticket.appointmentAt, timeZone)}{' '}
          <span class="missed-mark" data-testid="appointment-missed">
            {t('myJobs.missed')}
          </span>
        </span>
      ) : (
        formatDateTime(ticket.appointmentAt, timeZone)
      ),
    ]);
  if (ticket.assigneeId) facts.push([t('ticket.assignee'), staffName(ticket.assigneeId)]);
  if (ticket.department) facts.push([t('ticket.department'), ticket.department]);
  if (ticket.deadlineAt) facts.push([t('ticket.deadline'), formatDateTime(ticket.deadlineAt, timeZone)]);
  if (ticket.replyBy) facts.push([t('ticket.replyBy'), formatDateTime(ticket.replyBy, timeZone)]);
  if (ticket.originalReplyBy)
    facts.push([t('ticket.originalReplyBy'), formatDateTime(ticket.originalReplyBy as string, timeZone)]);

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
          {ticket.number && (
            <span class="mono ticket-number" data-testid="ticket-number">
              {ticket.number}
            </span>
          )}
          <Badge tone="blue">{kindLabel(ticket.kind)}</Badge>
          {ticket.severity === 'urgent' && <span class="urgent-mark">{t('tickets.urgent')}</span>}
          <span class="state-label" data-testid="ticket-state">
            {stateLabel(ticket.kind, ticket.state)}
          </span>
          {headline && <SlaBadge sla={headline[1]} now={now} title={slaLabel(ticket.kind, headline[0])} />}
          {ticket.kind !== 'inquiry' && (
            <a
              class="btn btn-small"
              href={`/p/${propertyId}/tickets/${ticket.id}/print`}
              data-testid="ticket-print"
            >
              {ticket.kind === 'repair' ? t('print.workOrder') : t('print.complaintRecord')}
            </a>
          )}
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
            fields={askedFields(openAction.fields, actionAsks[open])}
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
                  const fields = askedFields(kind.actions[a]?.fields ?? [], actionAsks[a]);
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
                      <div class="muted small">
                        {t('sla.due', { at: formatDateTime(sla.dueAt, timeZone) })}
                      </div>
                    )}
                  </div>
                  <SlaBadge sla={sla} now={now} />
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>

      {contact && <LedgerFacts contact={contact} ticket={ticket} timeZone={timeZone} />}

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

      <Timeline kind={ticket.kind} entries={timeline} names={names} timeZone={timeZone} />
    </div>
  );
}
