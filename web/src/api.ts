import type { Page } from '../../functions/contract.ts';
import { clearToken, idToken } from './state.ts';

export interface ErrorDetail {
  path?: string;
  message: string;
  row?: number;
  field?: string;
}

/** An error answer of the API (`{ error: { code, message, details } }`), or a network failure (status 0). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: unknown = null,
  ) {
    super(message);
  }

  /** The details as a list of { path, message } when the API sent one. */
  get detailList(): ErrorDetail[] {
    return Array.isArray(this.details) ? (this.details as ErrorDetail[]) : [];
  }
}

type Query = Record<string, string | number | boolean | null | undefined>;

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  query?: Query;
  /** Sent as JSON. */
  json?: unknown;
  /** Sent as is (a file), with `contentType`. */
  raw?: Blob;
  contentType?: string;
  signal?: AbortSignal;
}

export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${path}${path.includes('?') ? '&' : '?'}${qs}` : path;
}

/** Calls `/api/...` with the signed-in user's token. A 401 signs the user out (back to the sign-in page). */
export async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  const token = idToken.value;
  if (token) headers.Authorization = `Bearer ${token}`;
  let body: BodyInit | undefined;
  if (options.json !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.json);
  } else if (options.raw) {
    headers['Content-Type'] = options.contentType || options.raw.type || 'application/octet-stream';
    body = options.raw;
  }
  let response: Response;
  try {
    response = await fetch(withQuery(path, options.query), {
      method: options.method ?? (body ? 'POST' : 'GET'),
      headers,
      body,
      signal: options.signal,
    });
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    throw new ApiError(0, 'network', (error as Error).message);
  }
  const text = await response.text();
  let data: unknown = null;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = null;
    }
  }
  if (!response.ok) {
    const err = (data as { error?: { code?: string; message?: string; details?: unknown } } | null)?.error;
    const apiError = new ApiError(
      response.status,
      err?.code ?? `http_${response.status}`,
      err?.message ?? response.statusText,
      err?.details ?? null,
    );
    if (response.status === 401 && token) clearToken('expired');
    throw apiError;
  }
  return data as T;
}

/** The directory domain's routes, relative to `/api/directory`. */
export const dir = {
  get: <T>(path: string, query?: Query, signal?: AbortSignal) =>
    request<T>(`/api/directory${path}`, { query, signal }),
  post: <T>(path: string, json: unknown) => request<T>(`/api/directory${path}`, { method: 'POST', json }),
  patch: <T>(path: string, json: unknown) => request<T>(`/api/directory${path}`, { method: 'PATCH', json }),
  page: <T>(path: string, query: Query, signal?: AbortSignal) =>
    request<Page<T>>(`/api/directory${path}`, { query, signal }),
};

export const isAbort = (error: unknown) => (error as Error | null)?.name === 'AbortError';

export const isStale = (error: unknown) => error instanceof ApiError && error.code === 'stale_version';
export const isNotFound = (error: unknown) =>
  error instanceof ApiError && (error.status === 404 || error.status === 403);
