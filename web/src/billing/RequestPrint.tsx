import '../reports/reports.css';
import './collection.css';
import qrcode from 'qrcode-generator';
import { yuan } from '../../../functions/billing/money.ts';
import { isNotFound } from '../api.ts';
import { ErrorBox, Loading, NoAccess } from '../components/ui.tsx';
import { isoToZonedInput } from '../format.ts';
import { useLoad } from '../hooks.ts';
import { t } from '../i18n.ts';
import { propertyTimeZone } from '../state.ts';
import { collectionApi } from './collection-api.ts';

/** The household link as a QR code (SVG drawn here from our own signed link; nothing typed goes in). */
function LinkQr({ url }: { url: string }) {
  const qr = qrcode(0, 'M');
  qr.addData(url);
  qr.make();
  return (
    <div dangerouslySetInnerHTML={{ __html: qr.createSvgTag({ cellSize: 4, margin: 0, scalable: true }) }} />
  );
}

/** 付款请求书 as printed: A4, zh-CN, the property's letterhead, the lines, the clause, the QR code. */
export default function RequestPrint({
  propertyId,
  month,
  householdId,
}: {
  propertyId: string;
  month: string;
  householdId: string;
}) {
  const printout = useLoad(
    (signal) => collectionApi.printout(propertyId, month, householdId, signal),
    [propertyId, month, householdId],
  );
  if (isNotFound(printout.error)) return <NoAccess />;
  if (printout.error) return <ErrorBox error={printout.error} onRetry={printout.reload} />;
  if (!printout.data) return <Loading />;
  const { letterhead, request, feeClause, lateFeeClause, householdLink } = printout.data;
  const url = `${location.origin}${householdLink}`;
  return (
    <div>
      <div class="print-toolbar">
        <button type="button" class="btn btn-ghost" onClick={() => history.back()}>
          {t('print.back')}
        </button>
        <button type="button" class="btn btn-primary" onClick={() => window.print()} data-testid="print-now">
          {t('print.printNow')}
        </button>
      </div>
      <article class="print-sheet request-sheet" lang="zh-CN" data-testid="request-sheet">
        <div class="letterhead">
          <div class="company">{letterhead.companyName}</div>
          <div>{t('request.contact', { address: letterhead.address, phone: letterhead.phone })}</div>
        </div>
        <div class="print-head">
          <div>
            <h1>{t('request.title')}</h1>
            <div>
              {t('request.room')}：{request.roomCode}　{t('request.household')}：{request.householdName}
            </div>
            <div>
              {t('request.period')}：{request.period}　{t('request.issuedAt')}：
              {isoToZonedInput(request.issuedAt, propertyTimeZone(propertyId)).slice(0, 10)}
            </div>
          </div>
          <div class="qr" data-testid="request-qr">
            <LinkQr url={url} />
            <div>{t('request.scan')}</div>
          </div>
        </div>
        <table class="print-grid">
          <thead>
            <tr>
              <th>{t('request.item')}</th>
              <th>{t('request.basis')}</th>
              <th>{t('request.range')}</th>
              <th>{t('request.amount')}</th>
            </tr>
          </thead>
          <tbody>
            {request.lines.map((line) => (
              <tr key={`${line.name}${line.periodFrom}`}>
                <td>{line.name}</td>
                <td>{line.basisText}</td>
                <td>
                  <span class="nowrap">{line.periodFrom}</span> ~ <span class="nowrap">{line.periodTo}</span>
                </td>
                <td class="num">{yuan(line.amountCents)}</td>
              </tr>
            ))}
            <tr class="request-total">
              <td colSpan={3}>{t('request.total')}</td>
              <td class="num">{yuan(request.totalCents)}</td>
            </tr>
            {request.creditAppliedCents > 0 && (
              <tr>
                <td colSpan={3}>{t('request.credit')}</td>
                <td class="num">-{yuan(request.creditAppliedCents)}</td>
              </tr>
            )}
            {request.paidCents > 0 && (
              <tr>
                <td colSpan={3}>{t('request.paid')}</td>
                <td class="num">-{yuan(request.paidCents)}</td>
              </tr>
            )}
            <tr class="request-total">
              <td colSpan={3}>{t('request.balance')}</td>
              <td class="num" data-testid="request-balance">
                {yuan(request.balanceCents)}
              </td>
            </tr>
          </tbody>
        </table>
        <p>
          <strong>{t('request.dueDate', { day: request.dueDate })}</strong>
        </p>
        {(letterhead.bank || letterhead.account) && (
          <p>{t('request.bank', { bank: letterhead.bank, account: letterhead.account })}</p>
        )}
        {feeClause && <p>{t('request.feeClause', { clause: feeClause })}</p>}
        {lateFeeClause && <p>{t('request.lateFeeClause', { clause: lateFeeClause })}</p>}
      </article>
    </div>
  );
}
