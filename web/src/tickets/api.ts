import { signal } from '@preact/signals';
import type { FormField } from '../../../functions/tickets/kinds.ts';
import { request } from '../api.ts';
import type { Photo } from '../photos.ts';
import type { Page } from '../types.ts';
import type { SlaView } from './countdown.ts';

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
export type TicketKind = 'repair' | 'complaint' | 'inquiry';
export const ticketKinds: TicketKind[] = ['repair', 'complaint', 'inquiry'];

export interface KindView {
  kind: TicketKind;
  label: Label;
  states: Record<string, { label: Label; terminal?: boolean; pausesSla?: boolean }>;
  slas: Record<string, { label: Label }>;
  actions: Record<string, { label: Label; fields: FormField[] }>;
}
export type Kinds = Record<TicketKind, KindView>;

export interface Person {
  name: string;
  phone?: string;
  householdId?: string;
}

export interface Ticket {
  id: string;
  propertyId: string;
  kind: TicketKind;
  severity: 'normal' | 'urgent';
  state: string;
  version: number;
  assigneeId?: string | null;
  unitId: string | null;
  householdId: string | null;
  roomCode?: string;
  openedAt: string;
  channel?: string;
  slas: Record<string, SlaView>;
  content?: string;
  question?: string;
  contact?: Person;
  complainant?: Person;
  location?: { unitId?: string; place?: string };
  appointmentAt?: string | null;
  department?: string;
  deadlineAt?: string;
  replyBy?: string | null;
  /** List rows only: up to three photo thumbnails (short-lived links). */
  thumbnails?: { id: string; thumbnailUrl: string }[];
  [field: string]: unknown;
}

export interface TimelineEntry {
  id: string;
  action: string;
  from: string | null;
  to: string;
  at: string;
  by: string;
  input: Record<string, unknown>;
}

export interface TicketDetail {
  ticket: Ticket;
  allowedActions: string[];
  timeline: TimelineEntry[];
  /** Short-lived links: reload the ticket rather than keep them. */
  photos: Photo[];
}

export interface Contact {
  id: string;
  time: string;
  channel: string;
  caller: Person;
  unitId?: string;
  householdId?: string;
  roomCode?: string;
  category: string;
  summary: string;
  takenByName: string;
  ticketId: string | null;
  ticketKind: TicketKind | null;
  message?: { forWhom: string; callbackNumber: string; passedTo?: string };
}

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
