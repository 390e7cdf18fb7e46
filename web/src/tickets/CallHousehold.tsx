import { useRevealedPhone } from '../hooks.ts';
import { errorText, t } from '../i18n.ts';
import { can, me } from '../state.ts';
import { type Ticket, tk } from './api.ts';

/**
 * Who may reveal a ticket's number, as the server decides it (functions/tickets/reveal-phone.ts): the
 * desk and the manager on any ticket, a technician on their own job. Others see the masked number only.
 */
export function mayCall(ticket: Pick<Ticket, 'assigneeId'>): boolean {
  const user = me.value;
  if (!user || !can('ticket.revealPhone')) return false;
  const desk = user.staff.roles.some(
    (r) => r === 'front_desk' || r === 'property_manager' || r === 'head_office',
  );
  return desk || (!!ticket.assigneeId && ticket.assigneeId === user.staff.id);
}

/**
 * The caller's masked number with "显示号码并拨打": the reveal is audited on the server, and the full
 * number becomes a tap-to-call `tel:` link (a phone dials it; a desk's softphone may too).
 */
export function CallHousehold({
  propertyId,
  ticket,
  masked,
}: {
  propertyId: string;
  ticket: Pick<Ticket, 'id' | 'assigneeId' | 'householdId'>;
  masked: string | undefined;
}) {
  const { phone, busy, error, reveal } = useRevealedPhone(() =>
    tk.post<{ phone: string }>(`/properties/${propertyId}/tickets/${ticket.id}/reveal-phone`, {}),
  );
  if (phone) {
    return (
      <a
        class="btn btn-primary call-link"
        href={`tel:${phone.replace(/[^\d+]/g, '')}`}
        data-testid="call-link"
      >
        {t('call.dial', { phone })}
      </a>
    );
  }
  return (
    <span class="call-household">
      {masked && <span class="mono">{masked}</span>}
      {mayCall(ticket) && (masked || ticket.householdId) && (
        <button
          type="button"
          class="btn call-reveal"
          onClick={reveal}
          disabled={busy}
          title={t('call.revealHint')}
          data-testid="reveal-phone"
        >
          {busy ? t('common.loading') : t('call.reveal')}
        </button>
      )}
      {error ? <span class="error-text">{errorText(error)}</span> : null}
    </span>
  );
}
