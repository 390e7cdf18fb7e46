import type { LoadedReport, ReportList, ReportOverview } from '../../../functions/contract.ts';
import { ApiError, request } from '../api.ts';
import { lang } from '../i18n.ts';
import { idToken } from '../state.ts';

const base = (propertyId: string) => `/api/tickets/properties/${propertyId}/reports`;

export const reportsApi = {
  list: (propertyId: string, signal?: AbortSignal) => request<ReportList>(base(propertyId), { signal }),
  get: (propertyId: string, kind: string, period: string, signal?: AbortSignal) =>
    request<LoadedReport>(`${base(propertyId)}/${kind}/${period}`, { signal }),
  /** Proof of delivery: the page tells the server the caller has it in front of them. */
  opened: (propertyId: string, kind: string, period: string) =>
    request<{ firstOpen: boolean; at: string }>(`${base(propertyId)}/${kind}/${period}/open`, { json: {} }),
  confirm: (propertyId: string, kind: string, period: string, side: 'desk' | 'engineering') =>
    request(`${base(propertyId)}/${kind}/${period}/confirm`, { json: { side } }),
  overview: (signal?: AbortSignal) => request<ReportOverview>('/api/tickets/reports', { signal }),
};

/** Saves a file the browser downloads with the signed-in user's token (a link cannot carry it). */
export async function downloadReport(propertyId: string, kind: string, period: string) {
  const response = await fetch(
    `${base(propertyId)}/${kind}/${period}/xlsx?lang=${lang.value === 'en' ? 'en' : 'zh-CN'}`,
    { headers: { Authorization: `Bearer ${idToken.value ?? ''}` } },
  );
  if (!response.ok) throw new ApiError(response.status, 'download_failed', response.statusText);
  saveBlob(await response.blob(), `${kind}-${period}.xlsx`);
}

export function saveBlob(blob: Blob, name: string) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
