import './collection.css';
import { yuan } from '../../../functions/billing/money.ts';
import { ApiError } from '../api.ts';
import { Loading } from '../components/ui.tsx';
import { useLoad } from '../hooks.ts';
import { t } from '../i18n.ts';
import { collectionApi } from './collection-api.ts';

/**
 * The household's own view of one payment request, opened from the QR code or the SMS link: no sign-in,
 * outside the dashboard's shell; the link's token is the only credential (decision 023).
 */
export default function HouseholdViewPage({ token }: { token: string }) {
  const view = useLoad((signal) => collectionApi.householdView(token, signal), [token]);
  if (view.error) {
    const expired = view.error instanceof ApiError && view.error.code === 'link_expired';
    return (
      <main class="household-page" data-testid="household-view">
        <h1>{t('householdView.title')}</h1>
        <p role="alert">{t(expired ? 'householdView.expired' : 'householdView.invalid')}</p>
      </main>
    );
  }
  if (!view.data) return <Loading />;
  const { property, request, linkExpiresAt } = view.data;
  return (
    <main class="household-page" lang="zh-CN" data-testid="household-view">
      <h1>{t('householdView.title')}</h1>
      <p>
        {property.name} · {request.roomCode} {request.householdName}
      </p>
      <p>
        {t('request.period')}：{request.period}
      </p>
      <div class="collect-card">
        <div>{t('householdView.status')}</div>
        <div class="household-balance" data-testid="household-balance">
          {t(`request.state.${request.state}`)} · {t('request.balance')} {yuan(request.balanceCents)}
        </div>
        <div>{t('request.dueDate', { day: request.dueDate })}</div>
      </div>
      <table class="arrears-table">
        <tbody>
          {request.lines.map((line) => (
            <tr key={`${line.name}${line.periodFrom}`}>
              <td>
                {line.name}
                <div class="muted">{line.basisText}</div>
              </td>
              <td class="num">{yuan(line.amountCents)}</td>
            </tr>
          ))}
          <tr class="request-total">
            <td>{t('request.total')}</td>
            <td class="num">{yuan(request.totalCents)}</td>
          </tr>
          {request.paidCents > 0 && (
            <tr>
              <td>{t('request.paid')}</td>
              <td class="num">{yuan(request.paidCents)}</td>
            </tr>
          )}
        </tbody>
      </table>
      <p class="muted">{t('householdView.ask', { phone: property.hotline })}</p>
      <p class="muted">{t('householdView.expires', { day: linkExpiresAt.slice(0, 10) })}</p>
    </main>
  );
}
