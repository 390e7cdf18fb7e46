import '../tickets/tickets.css';
import { useEffect, useRef, useState } from 'preact/hooks';
import {
  contactCategories as categories,
  contactChannels as channels,
  complaintCategories,
  type Household,
  type Page,
  type Unit,
} from '../../../functions/contract.ts';
import { dir, isNotFound } from '../api.ts';
import { PhotoPicker } from '../components/PhotoPicker.tsx';
import {
  Badge,
  Empty,
  ErrorBox,
  LoadMore,
  NoAccess,
  Notice,
  PageHeader,
  Spinner,
} from '../components/ui.tsx';
import { isoToZonedInput, normalizeRoomQuery, zonedInputToIso } from '../format.ts';
import { useDebounced, usePaged } from '../hooks.ts';
import { formatDateTime, type MsgKey, t, tOr } from '../i18n.ts';
import { propertyTimeZone } from '../state.ts';
import { type Contact, loadKinds, type Ticket, tk } from '../tickets/api.ts';
import { kindLabel, useNow } from '../tickets/labels.ts';
import { readDraft, writeDraft } from '../tickets/ledger-draft.ts';

type Category = (typeof categories)[number];

interface Form {
  unit: Pick<Unit, 'id' | 'roomCode'> | null;
  /** The clerk chose to record the call without a unit: the room is kept as typed (`roomTyped`). */
  withoutUnit: boolean;
  householdId: string;
  name: string;
  phone: string;
  channel: (typeof channels)[number];
  /** '' = now (kept current while the form waits for the next call). */
  time: string;
  category: Category | '';
  summary: string;
  place: string;
  urgent: boolean;
  complaintCategory: string;
  replyBy: string;
  forWhom: string;
  callbackNumber: string;
  passedTo: string;
  /** Photos of a repair or complaint, uploaded while the call goes on. */
  photoIds: string[];
}

const blank: Form = {
  unit: null,
  withoutUnit: false,
  householdId: '',
  name: '',
  phone: '',
  channel: 'phone',
  time: '',
  category: '',
  summary: '',
  place: '',
  urgent: false,
  complaintCategory: '',
  replyBy: '',
  forWhom: '',
  callbackNumber: '',
  passedTo: '',
  photoIds: [],
};

/**
 * The next field after `from` in the form, one stop per radio group; null after the last. Photos are
 * no stop: Enter runs through the typed fields of a call, and a photo is added by tapping.
 */
function nextField(form: HTMLFormElement, from: HTMLElement): HTMLElement | null {
  const all = [...form.querySelectorAll<HTMLInputElement>('input, select, textarea')].filter(
    (el) => !el.disabled && el.type !== 'hidden' && el.type !== 'file' && el.tabIndex >= 0,
  );
  const stops = all.filter(
    (el) =>
      el.type !== 'radio' ||
      el.checked ||
      (!all.some((o) => o.type === 'radio' && o.name === el.name && o.checked) &&
        all.find((o) => o.name === el.name) === el),
  );
  const here = stops.findIndex(
    (el) =>
      el === from || (from instanceof HTMLInputElement && from.type === 'radio' && el.name === from.name),
  );
  return stops[here + 1] ?? null;
}

type Saved = { contact: Contact; ticket: Ticket | null };

/** Nothing worth keeping: no room typed and every field as a fresh form has it (time and channel aside). */
const isEmpty = (f: Form, roomInput: string) =>
  !roomInput.trim() &&
  JSON.stringify({ ...f, time: blank.time, channel: blank.channel }) === JSON.stringify(blank);

/** Units whose room code starts like the typed one, for a room that matched nothing ("3-1520" → "3-15…"). */
async function similarRooms(propertyId: string, room: string, signal: AbortSignal): Promise<Unit[]> {
  const building = room.includes('-') ? `${room.split('-')[0]}-` : '';
  const prefixes = [...new Set([room.slice(0, -1), room.slice(0, -2), building])].filter(
    (p) => p.length > 0 && p !== room,
  );
  const pages = await Promise.all(
    prefixes.map((prefix) =>
      dir
        .page<Unit>(`/properties/${propertyId}/units`, { room: prefix, limit: 8 }, signal)
        .catch(() => ({ items: [] as Unit[] })),
    ),
  );
  return pages.find((p) => p.items.length)?.items ?? [];
}

export default function Ledger({ propertyId }: { propertyId: string }) {
  // Times are typed and shown on the property's clock, wherever the browser is.
  const timeZone = propertyTimeZone(propertyId);
  // A call half-typed before a reload comes back (photos aside: they are added again).
  const [draft] = useState(() => readDraft<Form>(propertyId));
  const [f, setF] = useState<Form>(() => (draft ? { ...blank, ...draft.form, photoIds: [] } : blank));
  const set = (patch: Partial<Form>) => setF((prev) => ({ ...prev, ...patch }));
  const [roomInput, setRoomInput] = useState(() => draft?.roomInput ?? '');
  const [draftRestored, setDraftRestored] = useState(!!draft);
  /** A room that matched no unit: similar rooms to pick from, and the flag once Enter was pressed. */
  const [suggestions, setSuggestions] = useState<Unit[]>([]);
  const [mustChoose, setMustChoose] = useState(false);
  const lastFound = useRef<Unit[]>([]);
  const [confirmClear, setConfirmClear] = useState(false);
  const [undo, setUndo] = useState<{ f: Form; roomInput: string; households: Household[] } | null>(null);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const [matches, setMatches] = useState<Unit[] | null>(null);
  const [searching, setSearching] = useState(false);
  const [highlight, setHighlight] = useState(0);
  const [households, setHouseholds] = useState<Household[]>([]);
  const [saving, setSaving] = useState(false);
  const [uploading, setUploading] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState<Saved | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const roomRef = useRef<HTMLInputElement>(null);
  const enterPending = useRef(false);
  const now = useNow(30_000);
  const room = normalizeRoomQuery(useDebounced(roomInput, 150));
  const roomEmpty = !roomInput.trim();
  // The debounced value has caught up with what is in the field: only then is a search's answer this field's.
  const roomSettled = room === normalizeRoomQuery(roomInput);

  const today = usePaged<Contact>(
    (cursor, signal) => tk.page(`/properties/${propertyId}/contacts`, { cursor, limit: 100 }, signal),
    [propertyId],
  );

  useEffect(() => {
    writeDraft(propertyId, isEmpty(f, roomInput) ? null : { form: f, roomInput });
  }, [f, roomInput, propertyId]);
  // A reload or a closed tab right after a keystroke comes before that effect has run: save on the way out.
  const typed = useRef({ f, roomInput });
  typed.current = { f, roomInput };
  useEffect(() => {
    const save = () => {
      const { f: form, roomInput: roomText } = typed.current;
      writeDraft(propertyId, isEmpty(form, roomText) ? null : { form, roomInput: roomText });
    };
    window.addEventListener('pagehide', save);
    return () => window.removeEventListener('pagehide', save);
  }, [propertyId]);

  useEffect(() => {
    if (confirmClear) confirmRef.current?.focus();
  }, [confirmClear]);

  useEffect(() => {
    roomRef.current?.focus();
    if (f.unit) void loadHouseholds(f.unit.id).then(setHouseholds);
    // Kind labels for the confirmation ("已开出报修工单"); a failure only leaves the raw kind shown.
    loadKinds().catch(() => {});
  }, []);

  // Search as the clerk types; a picked unit is not searched again.
  useEffect(() => {
    // A cleared field is not searched for what it held a moment ago (the debounced value lags behind).
    if (!room || roomEmpty || f.unit?.roomCode === room || f.withoutUnit) {
      setMatches(null);
      setSearching(false);
      return;
    }
    // Still typing: the search for what the field will hold follows (an answer for an older value
    // would take a pending Enter for a room the clerk no longer means).
    if (!roomSettled) return;
    const controller = new AbortController();
    setSearching(true);
    dir
      .page<Unit>(`/properties/${propertyId}/units`, { room, limit: 8 }, controller.signal)
      .then(async (page) => {
        lastFound.current = page.items;
        // Enter pressed before the answer came: take the unit typed in full, or the only one found.
        const typed =
          page.items.find((u) => u.roomCode === room) ??
          (page.items.length === 1 ? page.items[0] : undefined);
        if (enterPending.current && typed) {
          enterPending.current = false;
          setSearching(false);
          void pickUnit(typed).then(moveOnFromRoom);
          return;
        }
        // Nothing matched: nothing is picked for the clerk; similar rooms and "record without" are offered.
        const similar = page.items.length ? [] : await similarRooms(propertyId, room, controller.signal);
        if (controller.signal.aborted) return;
        setSearching(false);
        if (enterPending.current && !page.items.length) setMustChoose(true);
        enterPending.current = false;
        setSuggestions(similar);
        setMatches(page.items);
        setHighlight(page.items.length ? 0 : -1);
      })
      .catch(() => setSearching(false));
    return () => controller.abort();
  }, [room, roomEmpty, roomSettled, propertyId, f.unit?.roomCode, f.withoutUnit]);

  const loadHouseholds = async (unitId: string) => {
    // Without the household list the call is still recorded against the unit.
    const page = await dir
      .get<Page<Household>>(`/properties/${propertyId}/households`, { unitId, limit: 20 })
      .catch(() => ({ items: [] as Household[] }));
    return page.items.filter((h) => h.status === 'active');
  };

  const pickUnit = async (unit: Pick<Unit, 'id' | 'roomCode'>, householdId?: string, name?: string) => {
    setRoomInput(unit.roomCode);
    setMatches(null);
    setMustChoose(false);
    set({ unit, withoutUnit: false, householdId: householdId ?? '' });
    const active = await loadHouseholds(unit.id);
    setHouseholds(active);
    if (!householdId && active.length === 1) {
      setF((prev) => ({ ...prev, householdId: active[0]!.id, name: prev.name || name || active[0]!.name }));
    }
  };

  // After the household list has arrived, so that its prefill never lands in the middle of typing.
  const moveOnFromRoom = () => {
    if (document.activeElement === roomRef.current) nextField(formRef.current!, roomRef.current!)?.focus();
  };

  /** The clerk keeps the room as typed and records the call without a unit. */
  const recordWithoutUnit = () => {
    set({ withoutUnit: true, unit: null, householdId: '' });
    setMatches(null);
    setMustChoose(false);
    moveOnFromRoom();
  };

  const clear = () => {
    setF(blank);
    setRoomInput('');
    setMatches(null);
    setSuggestions([]);
    setMustChoose(false);
    setConfirmClear(false);
    setHouseholds([]);
    setError(null);
    setDraftRestored(false);
    roomRef.current?.focus();
  };

  /** Esc and 清空 ask first; a confirmed clear can be undone once. */
  const askClear = () => {
    if (!isEmpty(f, roomInput)) setConfirmClear(true);
  };
  const discard = () => {
    setUndo({ f, roomInput, households });
    clear();
  };
  const undoClear = () => {
    if (!undo) return;
    setF(undo.f);
    setRoomInput(undo.roomInput);
    setHouseholds(undo.households);
    setUndo(null);
    roomRef.current?.focus();
  };

  const submit = async () => {
    if (saving || uploading) return;
    if (roomInput.trim() && !f.unit && !f.withoutUnit) {
      // A typed room that is no unit is never dropped silently: the clerk picks one or keeps it as typed.
      setMustChoose(true);
      setMatches(lastFound.current);
      setHighlight(lastFound.current.length ? 0 : -1);
      roomRef.current?.focus();
      return;
    }
    if (!formRef.current?.reportValidity()) return;
    setSaving(true);
    setError(null);
    const category = f.category as Category;
    const photos = f.photoIds.length ? { photoIds: f.photoIds } : {};
    const ticket =
      category === 'repair'
        ? {
            severity: f.urgent ? 'urgent' : 'normal',
            ...(f.place ? { location: { ...(f.unit ? { unitId: f.unit.id } : {}), place: f.place } } : {}),
            ...photos,
          }
        : category === 'complaint'
          ? { category: f.complaintCategory, severity: f.urgent ? 'urgent' : 'normal', ...photos }
          : category === 'inquiry' && f.replyBy
            ? // Agreed in the same entry: the inquiry is recorded with its clock, or not at all.
              { replyBy: zonedInputToIso(f.replyBy, timeZone) ?? f.replyBy }
            : undefined;
    try {
      const out = await tk.post<Saved>(`/properties/${propertyId}/contacts`, {
        time: (f.time && zonedInputToIso(f.time, timeZone)) || new Date().toISOString(),
        channel: f.channel,
        caller: { name: f.name, ...(f.phone ? { phone: f.phone } : {}) },
        ...(f.unit ? { unitId: f.unit.id } : {}),
        ...(!f.unit && f.withoutUnit && roomInput.trim() ? { roomTyped: roomInput.trim() } : {}),
        ...(f.householdId ? { householdId: f.householdId } : {}),
        category,
        summary: f.summary,
        ...(ticket ? { ticket } : {}),
        ...(category === 'message'
          ? {
              message: {
                forWhom: f.forWhom,
                callbackNumber: f.callbackNumber,
                ...(f.passedTo ? { passedTo: f.passedTo } : {}),
              },
            }
          : {}),
      });
      setSaved(out);
      setUndo(null);
      clear();
      today.reload();
    } catch (err) {
      setError(err);
    } finally {
      setSaving(false);
    }
  };

  const onFormKey = (e: KeyboardEvent) => {
    const target = e.target as HTMLElement;
    if (e.key === 'Escape') {
      e.preventDefault();
      if (matches) setMatches(null);
      else if (confirmClear) {
        setConfirmClear(false);
        roomRef.current?.focus();
      } else askClear();
      return;
    }
    if (e.key !== 'Enter' || e.isComposing) return;
    // While "clear what was typed?" is asked, Enter answers it, wherever the focus has got to.
    if (confirmClear) {
      e.preventDefault();
      discard();
      return;
    }
    if (e.ctrlKey || e.metaKey) {
      e.preventDefault();
      void submit();
      return;
    }
    if (target instanceof HTMLButtonElement || (target instanceof HTMLTextAreaElement && e.shiftKey)) return;
    e.preventDefault();
    const next = nextField(formRef.current!, target);
    if (next) next.focus();
    else void submit();
  };

  const onRoomKey = (e: KeyboardEvent) => {
    if (confirmClear) return; // the form's handler answers the question first
    const waiting = searching || normalizeRoomQuery(roomInput) !== room;
    const enter = e.key === 'Enter' && !e.ctrlKey && !e.metaKey && !e.isComposing;
    if (enter && !f.unit && !f.withoutUnit && roomInput.trim() && waiting) {
      e.preventDefault();
      e.stopPropagation();
      enterPending.current = true;
      return;
    }
    // Nothing matched: the similar rooms, then "record without a unit", are the options.
    const unmatched = matches?.length === 0;
    const options = unmatched ? suggestions.length + 1 : (matches?.length ?? 0);
    if (options && (e.key === 'ArrowDown' || e.key === 'ArrowUp')) {
      e.preventDefault();
      const step = e.key === 'ArrowDown' ? 1 : -1;
      setHighlight((h) => (h < 0 && step < 0 ? options - 1 : (h + step + options) % options));
      return;
    }
    if (!enter) return;
    if (matches?.length) {
      e.preventDefault();
      e.stopPropagation();
      void pickUnit(matches[highlight] ?? matches[0]!).then(moveOnFromRoom);
    } else if (unmatched && highlight >= 0) {
      e.preventDefault();
      e.stopPropagation();
      const unit = suggestions[highlight];
      if (unit) void pickUnit(unit).then(moveOnFromRoom);
      else recordWithoutUnit();
    } else if (roomInput.trim() && !f.unit && !f.withoutUnit) {
      // Enter on a room that is no unit does not carry on: the clerk must choose.
      e.preventDefault();
      e.stopPropagation();
      setMustChoose(true);
      if (!matches) {
        setMatches(lastFound.current);
        setHighlight(lastFound.current.length ? 0 : -1);
      }
    }
  };

  if (isNotFound(today.error)) return <NoAccess />;
  const contacts = [...today.items].sort((a, b) => b.time.localeCompare(a.time));
  const recent: Contact[] = [];
  for (const c of contacts) {
    if (recent.length >= 6) break;
    if (!recent.some((r) => r.caller.name === c.caller.name && r.unitId === c.unitId)) recent.push(c);
  }
  const summaryLabel: MsgKey =
    f.category === 'repair' || f.category === 'complaint' || f.category === 'inquiry'
      ? `ledger.summary.${f.category}`
      : 'ledger.summary';

  return (
    <div class="page ledger-page" data-testid="ledger-page">
      <PageHeader title={t('ledger.title')} subtitle={t('ledger.subtitle')} />
      {draftRestored && (
        <Notice kind="info">
          <span data-testid="ledger-draft-restored">{t('ledgerDraft.restored')}</span>
        </Notice>
      )}
      {undo && (
        <Notice kind="warn">
          <span data-testid="ledger-cleared">{t('ledgerClear.done')}</span>{' '}
          <button type="button" class="btn btn-small" data-testid="ledger-undo" onClick={undoClear}>
            {t('ledgerClear.undo')}
          </button>
        </Notice>
      )}
      {saved && (
        <Notice kind="success">
          <span data-testid="ledger-saved">
            <strong>{t('ledger.saved', { who: saved.contact.caller.name })}</strong>{' '}
            {saved.ticket && (
              <>
                {t('ledger.savedTicket', { kind: kindLabel(saved.ticket.kind) })}{' '}
                <a href={`/p/${propertyId}/tickets/${saved.ticket.id}`} data-testid="saved-ticket-link">
                  {saved.ticket.number ? (
                    <span class="mono">{saved.ticket.number}</span>
                  ) : (
                    t('ledger.openTicket')
                  )}{' '}
                  →
                </a>
              </>
            )}
          </span>
        </Notice>
      )}
      <div class="ledger-layout">
        <form
          ref={formRef}
          class="card ledger-form"
          data-testid="ledger-form"
          onKeyDown={onFormKey}
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
          noValidate={false}
        >
          <div class="ledger-grid">
            <div class="field room-field">
              <label class="field-label" for="ledger-room">
                {t('ledger.room')}
              </label>
              <div class="room-box">
                <input
                  id="ledger-room"
                  ref={roomRef}
                  name="room"
                  autoComplete="off"
                  spellcheck={false}
                  role="combobox"
                  aria-expanded={!!matches?.length}
                  aria-controls="ledger-room-list"
                  aria-activedescendant={matches && highlight >= 0 ? `room-opt-${highlight}` : undefined}
                  placeholder={t('ledger.roomPlaceholder')}
                  maxLength={40}
                  class={mustChoose || f.withoutUnit ? 'room-unmatched' : undefined}
                  aria-invalid={mustChoose || undefined}
                  value={roomInput}
                  onInput={(e) => {
                    setRoomInput(e.currentTarget.value);
                    setMustChoose(false);
                    if (f.unit || f.withoutUnit) {
                      set({ unit: null, withoutUnit: false, householdId: '' });
                      setHouseholds([]);
                    }
                  }}
                  onKeyDown={onRoomKey}
                />
                {searching && <Spinner />}
                {matches && (
                  <div class="room-options" id="ledger-room-list" role="listbox">
                    {matches.length === 0 ? (
                      <>
                        <div class="muted room-none" data-testid="room-unmatched">
                          {t('ledgerRoom.unmatched', { q: roomInput.trim() })}
                        </div>
                        {suggestions.length > 0 && (
                          <div class="room-group muted small">{t('ledgerRoom.suggestions')}</div>
                        )}
                        {[...suggestions, null].map((u, i) => (
                          <div
                            key={u?.id ?? 'without'}
                            id={`room-opt-${i}`}
                            role="option"
                            tabIndex={-1}
                            aria-selected={i === highlight}
                            data-testid={u ? 'room-suggestion' : 'room-without'}
                            class={`${u ? '' : 'room-without'}${i === highlight ? ' room-option-on' : ''}`}
                            onMouseDown={(e) => {
                              e.preventDefault();
                              if (u) void pickUnit(u);
                              else recordWithoutUnit();
                            }}
                          >
                            {u ? (
                              <span class="room-code">{u.roomCode}</span>
                            ) : (
                              t('ledgerRoom.without', { q: roomInput.trim() })
                            )}
                          </div>
                        ))}
                      </>
                    ) : (
                      matches.map((u, i) => (
                        <div
                          key={u.id}
                          id={`room-opt-${i}`}
                          role="option"
                          tabIndex={-1}
                          aria-selected={i === highlight}
                          class={i === highlight ? 'room-option-on' : undefined}
                          onMouseDown={(e) => {
                            e.preventDefault();
                            void pickUnit(u);
                          }}
                        >
                          <span class="room-code">{u.roomCode}</span>
                        </div>
                      ))
                    )}
                  </div>
                )}
              </div>
              {mustChoose ? (
                <span class="field-hint error-text" role="alert" data-testid="room-must-choose">
                  {t('ledgerRoom.mustChoose', { q: roomInput.trim() })}
                </span>
              ) : f.withoutUnit ? (
                <span class="field-hint room-flag" data-testid="room-flag">
                  {t('ledgerRoom.flag', { q: roomInput.trim() })}
                </span>
              ) : (
                <span class="field-hint">{t('ledger.roomHint')}</span>
              )}
            </div>
            <label class="field">
              <span class="field-label">{t('ledger.household')}</span>
              <select
                name="household"
                value={f.householdId}
                disabled={!f.unit}
                onChange={(e) => {
                  const h = households.find((x) => x.id === e.currentTarget.value);
                  set({ householdId: e.currentTarget.value, ...(h && !f.name ? { name: h.name } : {}) });
                }}
              >
                <option value="">{t('ledger.noHousehold')}</option>
                {households.map((h) => (
                  <option key={h.id} value={h.id}>
                    {h.name} · {tOr(`household.${h.kind}`, h.kind)}
                  </option>
                ))}
              </select>
            </label>
            <label class="field">
              <span class="field-label">{t('ledger.callerName')}</span>
              <input
                name="callerName"
                required
                maxLength={60}
                value={f.name}
                onInput={(e) => set({ name: e.currentTarget.value })}
              />
            </label>
            <label class="field">
              <span class="field-label">{t('ledger.callerPhone')}</span>
              <input
                name="callerPhone"
                type="tel"
                inputMode="tel"
                pattern="\+?[0-9][0-9\-]{5,19}"
                value={f.phone}
                onInput={(e) => set({ phone: e.currentTarget.value })}
              />
            </label>
            <label class="field">
              <span class="field-label">{t('ledger.channel')}</span>
              <select
                name="channel"
                value={f.channel}
                onChange={(e) => set({ channel: e.currentTarget.value as Form['channel'] })}
              >
                {channels.map((c) => (
                  <option key={c} value={c}>
                    {t(`channel.${c}`)}
                  </option>
                ))}
              </select>
            </label>
            <label class="field">
              <span class="field-label">{t('ledger.time')}</span>
              <input
                name="time"
                type="datetime-local"
                required
                value={f.time || isoToZonedInput(now, timeZone)}
                onInput={(e) => set({ time: e.currentTarget.value })}
              />
            </label>
          </div>

          <fieldset class="field category-field">
            <legend class="field-label">{t('ledger.category')}</legend>
            <div class="category-buttons">
              {categories.map((c) => (
                <label key={c} class={`category-button${f.category === c ? ' category-on' : ''}`}>
                  <input
                    type="radio"
                    name="category"
                    value={c}
                    required
                    checked={f.category === c}
                    onChange={() => set({ category: c })}
                  />
                  {t(`category.${c}`)}
                </label>
              ))}
            </div>
          </fieldset>

          {f.category && (
            <div class="ledger-grid">
              <label class="field field-wide">
                <span class="field-label">{t(summaryLabel)}</span>
                <textarea
                  name="summary"
                  rows={2}
                  required
                  maxLength={2000}
                  value={f.summary}
                  onInput={(e) => set({ summary: e.currentTarget.value })}
                />
              </label>
              {f.category === 'repair' && (
                <>
                  <label class="field">
                    <span class="field-label">{t('ledger.place')}</span>
                    <input
                      name="place"
                      maxLength={200}
                      required={!f.unit}
                      placeholder={t('ledger.placeHint')}
                      value={f.place}
                      onInput={(e) => set({ place: e.currentTarget.value })}
                    />
                  </label>
                  <label class="check field urgent-check">
                    <input
                      type="checkbox"
                      name="urgent"
                      checked={f.urgent}
                      onChange={(e) => set({ urgent: e.currentTarget.checked })}
                    />
                    {t('ledger.urgentRepair')}
                  </label>
                </>
              )}
              {f.category === 'complaint' && (
                <>
                  <fieldset class="field">
                    <legend class="field-label">{t('ledger.severity')}</legend>
                    <div class="choice-row">
                      {(['normal', 'urgent'] as const).map((s) => (
                        <label
                          key={s}
                          class={`choice${(s === 'urgent') === f.urgent ? ' choice-on' : ''}${s === 'urgent' ? ' choice-urgent' : ''}`}
                        >
                          <input
                            type="radio"
                            name="severity"
                            value={s}
                            checked={(s === 'urgent') === f.urgent}
                            onChange={() => set({ urgent: s === 'urgent' })}
                          />
                          {t(`ledger.severity.${s}`)}
                        </label>
                      ))}
                    </div>
                  </fieldset>
                  <label class="field">
                    <span class="field-label">{t('ledger.complaintCategory')}</span>
                    <select
                      name="complaintCategory"
                      required
                      value={f.complaintCategory}
                      onChange={(e) => set({ complaintCategory: e.currentTarget.value })}
                    >
                      <option value="" />
                      {complaintCategories.map((c) => (
                        <option key={c} value={c}>
                          {t(`complaintCategory.${c}`)}
                        </option>
                      ))}
                    </select>
                  </label>
                </>
              )}
              {(f.category === 'repair' || f.category === 'complaint') && (
                <PhotoPicker
                  propertyId={propertyId}
                  value={f.photoIds}
                  onChange={(photoIds) => set({ photoIds })}
                  onBusyChange={setUploading}
                  label={t('photos.step.create')}
                />
              )}
              {f.category === 'inquiry' && (
                <label class="field">
                  <span class="field-label">{t('ledger.replyBy')}</span>
                  <input
                    name="replyBy"
                    type="datetime-local"
                    value={f.replyBy}
                    onInput={(e) => set({ replyBy: e.currentTarget.value })}
                  />
                  <span class="field-hint">{t('ledger.replyByHint')}</span>
                </label>
              )}
              {f.category === 'message' && (
                <>
                  <label class="field">
                    <span class="field-label">{t('ledger.forWhom')}</span>
                    <input
                      name="forWhom"
                      required
                      maxLength={60}
                      value={f.forWhom}
                      onInput={(e) => set({ forWhom: e.currentTarget.value })}
                    />
                  </label>
                  <label class="field">
                    <span class="field-label">{t('ledger.callbackNumber')}</span>
                    <input
                      name="callbackNumber"
                      type="tel"
                      required
                      pattern="\+?[0-9][0-9\-]{5,19}"
                      value={f.callbackNumber}
                      onInput={(e) => set({ callbackNumber: e.currentTarget.value })}
                    />
                  </label>
                  <label class="field">
                    <span class="field-label">{t('ledger.passedTo')}</span>
                    <input
                      name="passedTo"
                      maxLength={60}
                      value={f.passedTo}
                      onInput={(e) => set({ passedTo: e.currentTarget.value })}
                    />
                  </label>
                </>
              )}
            </div>
          )}
          <ErrorBox error={error} />
          {confirmClear && (
            <div
              class="ledger-confirm"
              role="alertdialog"
              aria-label={t('ledgerClear.ask')}
              data-testid="ledger-confirm-clear"
            >
              <strong>{t('ledgerClear.ask')}</strong>
              <button
                type="button"
                ref={confirmRef}
                class="btn btn-danger"
                data-testid="ledger-confirm-clear-yes"
                onClick={discard}
              >
                {t('ledgerClear.confirm')}
              </button>
              <button
                type="button"
                class="btn"
                onClick={() => {
                  setConfirmClear(false);
                  roomRef.current?.focus();
                }}
              >
                {t('ledgerClear.keep')}
              </button>
            </div>
          )}
          <div class="form-actions ledger-actions">
            <span class="muted small">{t('ledger.keys')}</span>
            <button type="button" class="btn" onClick={askClear} tabIndex={-1}>
              {t('ledger.clear')}
            </button>
            <button
              type="submit"
              class="btn btn-primary"
              disabled={saving || uploading}
              data-testid="ledger-submit"
            >
              {saving && <Spinner />}
              {saving ? t('common.saving') : t('ledger.submit')}
            </button>
          </div>
        </form>

        <aside class="card recent-callers" aria-label={t('ledger.recent')}>
          <h2>{t('ledger.recent')}</h2>
          <div class="muted small">{t('ledger.recentHint')}</div>
          {recent.length === 0 ? (
            <p class="muted">{t('ledger.recentEmpty')}</p>
          ) : (
            <ul>
              {recent.map((c) => (
                <li key={c.id}>
                  <button
                    type="button"
                    class="recent-caller"
                    tabIndex={-1}
                    data-testid="recent-caller"
                    onClick={() => {
                      set({ name: c.caller.name });
                      if (c.unitId && c.roomCode)
                        void pickUnit({ id: c.unitId, roomCode: c.roomCode }, c.householdId, c.caller.name);
                      roomRef.current?.form?.querySelector<HTMLInputElement>('[name=callerPhone]')?.focus();
                    }}
                  >
                    <strong>{c.caller.name}</strong>
                    <span class="muted">
                      {c.roomCode ?? ''} {c.caller.phone ?? ''}
                    </span>
                    <span class="muted small">{formatDateTime(c.time, timeZone).split(' ').pop()}</span>
                  </button>
                </li>
              ))}
            </ul>
          )}
        </aside>
      </div>

      <section class="card ledger-today" aria-label={t('ledger.today')}>
        <h2>{t('ledger.today')}</h2>
        <ErrorBox error={today.error} onRetry={today.reload} />
        {!today.loading && !today.items.length && !today.error ? (
          <Empty title={t('ledger.todayEmpty')} />
        ) : (
          <div class="table-wrap">
            <table class="table" data-testid="ledger-today">
              <thead>
                <tr>
                  <th>{t('ledger.time')}</th>
                  <th>{t('ledger.channel')}</th>
                  <th>{t('ledger.callerName')}</th>
                  <th>{t('ledger.room')}</th>
                  <th>{t('ledger.category')}</th>
                  <th>{t('ledger.summary')}</th>
                  <th class="hide-narrow">{t('ledger.takenBy')}</th>
                  <th>{t('ledger.ticket')}</th>
                </tr>
              </thead>
              <tbody>
                {contacts.map((c) => (
                  <tr key={c.id}>
                    <td class="nowrap">{formatDateTime(c.time, timeZone).split(' ').pop()}</td>
                    <td>{tOr(`channel.${c.channel}`, c.channel)}</td>
                    <td>
                      {c.caller.name} <span class="mono muted">{c.caller.phone}</span>
                    </td>
                    <td class="room-code">
                      {c.roomCode ??
                        (c.roomTyped ? (
                          <span data-testid="ledger-room-typed">
                            {c.roomTyped} <Badge tone="amber">{t('ledgerRoom.typedBadge')}</Badge>
                          </span>
                        ) : (
                          '—'
                        ))}
                    </td>
                    <td>
                      <Badge tone={c.category === 'complaint' ? 'amber' : 'gray'}>
                        {tOr(`category.${c.category}`, c.category)}
                      </Badge>
                    </td>
                    <td class="cell-text">
                      {c.summary}
                      {c.message && (
                        <div class="muted small">
                          {t('ledger.message')}：{c.message.forWhom} · {c.message.callbackNumber}
                          {c.message.passedTo ? ` → ${c.message.passedTo}` : ''}
                        </div>
                      )}
                    </td>
                    <td class="hide-narrow">{c.takenByName}</td>
                    <td>
                      {c.ticketId ? (
                        <a href={`/p/${propertyId}/tickets/${c.ticketId}`} class="mono nowrap">
                          {c.ticketNumber ?? t('ledger.openTicket')}
                        </a>
                      ) : (
                        '—'
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <LoadMore list={today} />
          </div>
        )}
      </section>
    </div>
  );
}
