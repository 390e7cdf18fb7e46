import '../reports/reports.css';
import qrcode from 'qrcode-generator';
import type { Page, Staff } from '../../../functions/contract.ts';
import { dir } from '../api.ts';
import { ErrorBox, Loading } from '../components/ui.tsx';
import { useLoad } from '../hooks.ts';
import { formatDateTime, t, tOr } from '../i18n.ts';
import { can, me } from '../state.ts';
import {
  loadKinds,
  type Ticket,
  type TicketDetail,
  ticketCaller,
  ticketContent,
  tk,
} from '../tickets/api.ts';
import { stateLabel } from '../tickets/labels.ts';

/** A QR code (SVG, drawn here from the job's address) that opens the job on a phone. */
function JobQr({ url }: { url: string }) {
  const qr = qrcode(0, 'M');
  qr.addData(url);
  qr.make();
  // The markup is generated locally from our own URL; nothing user-typed goes into it.
  return (
    <div dangerouslySetInnerHTML={{ __html: qr.createSvgTag({ cellSize: 4, margin: 0, scalable: true }) }} />
  );
}

const yuan = (cents: number) => `${(cents / 100).toFixed(2)} 元`;

function Row({ label, children, tall }: { label: string; children?: unknown; tall?: boolean }) {
  return (
    <tr>
      <th>{label}</th>
      <td class={tall ? 'tall' : undefined} colSpan={3}>
        {children as never}
      </td>
    </tr>
  );
}

function WorkOrder({
  ticket,
  staffName,
  tz,
}: {
  ticket: Ticket;
  staffName: (id?: string | null) => string;
  tz?: string;
}) {
  const caller = ticketCaller(ticket);
  const completion = ticket.completion;
  return (
    <>
      <h1>{t('print.workOrder')}</h1>
      <table class="print-grid">
        <tbody>
          <tr>
            <th>{t('print.room')}</th>
            <td>{(ticket as { roomCode?: string }).roomCode ?? ''}</td>
            <th>{t('print.place')}</th>
            <td>{ticket.location?.place ?? ''}</td>
          </tr>
          <tr>
            <th>{t('print.caller')}</th>
            <td>
              {caller?.name ?? ''} {caller?.phone ?? ''}
            </td>
            <th>{t('print.reportedAt')}</th>
            <td>{ticket.reportedAt ? formatDateTime(ticket.reportedAt, tz) : ''}</td>
          </tr>
          <Row label={t('print.content')} tall>
            {ticketContent(ticket)}
          </Row>
          <tr>
            <th>{t('print.technician')}</th>
            <td>{staffName(ticket.assigneeId)}</td>
            <th>{t('print.appointment')}</th>
            <td>{ticket.appointmentAt ? formatDateTime(ticket.appointmentAt, tz) : ''}</td>
          </tr>
          <Row label={t('print.workDone')} tall>
            {completion?.workDone ?? ''}
          </Row>
          <Row label={t('print.materials')}>
            {(completion?.materials ?? []).map((m) => `${m.name} ×${m.quantity}${m.unit ?? ''}`).join('；')}
          </Row>
          <Row label={t('print.fee')}>{completion ? yuan(completion.feeCents) : ''}</Row>
          <Row label={t('print.state')}>{stateLabel('repair', ticket.state)}</Row>
        </tbody>
      </table>
      <div class="print-sign">
        <div>{t('print.technicianSign')}：</div>
        <div>{t('print.householdSign')}：</div>
        <div>{t('print.date')}：</div>
        <div>{t('print.date')}：</div>
      </div>
    </>
  );
}

function ComplaintRecord({
  ticket,
  staffName,
  tz,
}: {
  ticket: Ticket;
  staffName: (id?: string | null) => string;
  tz?: string;
}) {
  const caller = ticketCaller(ticket);
  return (
    <>
      <h1>{t('print.complaintRecord')}</h1>
      <table class="print-grid">
        <tbody>
          <tr>
            <th>{t('print.complainant')}</th>
            <td>
              {caller?.name ?? ''} {caller?.phone ?? ''} {(ticket as { roomCode?: string }).roomCode ?? ''}
            </td>
            <th>{t('print.receivedAt')}</th>
            <td>{ticket.receivedAt ? formatDateTime(ticket.receivedAt, tz) : ''}</td>
          </tr>
          <tr>
            <th>{t('print.category')}</th>
            <td>{ticket.category ? tOr(`complaintCategory.${ticket.category}`, ticket.category) : ''}</td>
            <th>{t('print.department')}</th>
            <td>
              {ticket.department ?? ''} {staffName(ticket.assigneeId)}
            </td>
          </tr>
          <Row label={t('print.content')} tall>
            {ticketContent(ticket)}
          </Row>
          <Row label={t('print.replies')} tall>
            {(ticket.replies ?? []).map((r) => (
              <div key={r.at}>
                {formatDateTime(r.at, tz)} {r.message}
              </div>
            ))}
          </Row>
          <Row label={t('print.callBack')}>
            {(ticket.callBacks ?? []).map((c) => (
              <div key={c.at}>
                {formatDateTime(c.at, tz)} {c.comment}
              </div>
            ))}
          </Row>
          <Row label={t('print.state')}>{stateLabel('complaint', ticket.state)}</Row>
        </tbody>
      </table>
      <div class="print-sign">
        <div>{t('print.handlerSign')}：</div>
        <div>{t('print.managerSign')}：</div>
      </div>
    </>
  );
}

/** The printable work order (派工单) of a repair, or the record of a complaint: A4, with a QR code to the job. */
export default function TicketPrint({ propertyId, ticketId }: { propertyId: string; ticketId: string }) {
  const detail = useLoad(
    async (signal) => {
      await loadKinds();
      return tk.get<TicketDetail>(`/properties/${propertyId}/tickets/${ticketId}`, undefined, signal);
    },
    [propertyId, ticketId],
  );
  const staff = useLoad(
    (signal) =>
      can('staff.read')
        ? dir.get<Page<Staff>>(`/properties/${propertyId}/staff`, { limit: 100 }, signal)
        : Promise.resolve({ items: [], cursor: null } as Page<Staff>),
    [propertyId],
  );
  if (detail.error) return <ErrorBox error={detail.error} onRetry={detail.reload} />;
  if (!detail.data) return <Loading />;
  const ticket = detail.data.ticket;
  // A technician cannot list the staff, but knows their own name.
  const staffName = (id?: string | null) =>
    !id
      ? ''
      : id === me.value?.staff.id
        ? me.value.staff.name
        : (staff.data?.items.find((s) => s.id === id)?.name ?? '');
  const jobUrl = `${location.origin}/p/${propertyId}/tickets/${ticketId}`;
  const number = (ticket as { number?: string }).number;
  const tz = me.value?.properties.find((p) => p.id === propertyId)?.timeZone;
  return (
    <div>
      <div class="print-toolbar">
        <a class="btn btn-ghost" href={`/p/${propertyId}/tickets/${ticketId}`}>
          {t('print.back')}
        </a>
        <button type="button" class="btn btn-primary" onClick={() => window.print()} data-testid="print-now">
          {t('print.printNow')}
        </button>
      </div>
      <article class="print-sheet" lang="zh-CN" data-testid="print-sheet">
        <div class="print-head">
          <div>
            {number && (
              <div>
                {t('print.number')}：
                <span class="print-number" data-testid="print-number">
                  {number}
                </span>
              </div>
            )}
          </div>
          <div class="qr" data-testid="print-qr">
            <JobQr url={jobUrl} />
            <div>{t('print.scan')}</div>
          </div>
        </div>
        {ticket.kind === 'complaint' ? (
          <ComplaintRecord ticket={ticket} staffName={staffName} tz={tz} />
        ) : (
          <WorkOrder ticket={ticket} staffName={staffName} tz={tz} />
        )}
      </article>
    </div>
  );
}
