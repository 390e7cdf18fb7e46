import { signal } from '@preact/signals';
import {
  type Contact,
  type Kinds,
  type KindView,
  type Page,
  type Ticket,
  type TicketDetail,
  type TicketEvent,
  type TicketKind,
  ticketKindNames,
} from '../../../functions/contract.ts';
import type { FormField } from '../../../functions/tickets/kinds.ts';
import { request } from '../api.ts';

/** An action's input field, as GET /api/tickets/kinds derives it from the machine's schema. */
export type { FormField };

type Query = Record<string, string | number | boolean | null | undefined>;

/** The tickets domain's routes, relative to `/api/tickets`. */
export const tk = {
  get: <T>(path: string, query?: Query, signal?: AbortSignal) =>
    request<T>(`/api/tickets${path}`, { query, signal }),
  post: <T>(path: string, json: unknown) => request<T>(`/api/tickets${path}`, { method: 'POST', json }),
  page: <T>(path: string, query: Query, signal?: AbortSignal) =>
    request<Page<T>>(`/api/tickets${path}`, { query, signal }),
};

export type Label = { zh: string; en: string };
export const ticketKinds = ticketKindNames;
export type { Contact, Kinds, KindView, Ticket, TicketDetail, TicketKind };
/** One step of a ticket's timeline. */
export type TimelineEntry = TicketEvent;
/** Who called: a ticket's `contact` (repair, inquiry) or `complainant`. */
export type Person = NonNullable<Ticket['contact']>;

export const ticketContent = (t: Ticket) => t.content ?? t.question ?? '';
export const ticketCaller = (t: Ticket) => t.contact ?? t.complainant;

/** The machines' labels and forms, loaded once per session. */
export const kinds = signal<Kinds | null>(null);
let loading: Promise<Kinds> | null = null;
export function loadKinds(): Promise<Kinds> {
  if (kinds.value) return Promise.resolve(kinds.value);
  loading ??= tk.get<Kinds>('/kinds').then(
    (k) => {
      kinds.value = k;
      return k;
    },
    (error) => {
      loading = null;
      throw error;
    },
  );
  return loading;
}
