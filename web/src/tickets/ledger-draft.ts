/**
 * A half-typed ledger entry kept in this browser (localStorage), so a reload or a crashed tab does not
 * lose a call the clerk is still taking. One draft per property; removed once the call is recorded.
 */
const keyOf = (propertyId: string) => `propdesk.ledger.draft.${propertyId}`;

export interface LedgerDraft<F> {
  form: F;
  roomInput: string;
}

export function readDraft<F>(propertyId: string): LedgerDraft<F> | null {
  try {
    const raw = localStorage.getItem(keyOf(propertyId));
    const draft = raw ? (JSON.parse(raw) as LedgerDraft<F>) : null;
    return draft && typeof draft === 'object' && draft.form ? draft : null;
  } catch {
    return null;
  }
}

/** Writes the draft, or removes it when `draft` is null (nothing typed, or the call was recorded). */
export function writeDraft<F>(propertyId: string, draft: LedgerDraft<F> | null): void {
  try {
    if (draft) localStorage.setItem(keyOf(propertyId), JSON.stringify(draft));
    else localStorage.removeItem(keyOf(propertyId));
  } catch {
    // Storage full or blocked: the form still works, only without a draft.
  }
}
