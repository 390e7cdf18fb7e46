import { request } from './api.ts';

type Query = Record<string, string | number | undefined>;

/** The tickets domain's routes used by the SLA settings, information file and ledger review pages. */
export const ticketsApi = {
  get: <T>(path: string, query?: Query, signal?: AbortSignal) =>
    request<T>(`/api/tickets${path}`, { query, signal }),
  send: <T>(method: 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, json: unknown) =>
    request<T>(`/api/tickets${path}`, { method, json }),
};
