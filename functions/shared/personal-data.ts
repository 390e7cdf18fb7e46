/** 13812345678 → 138****5678; short numbers keep only their last two digits. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  if (digits.length >= 7) return `${digits.slice(0, 3)}****${digits.slice(-4)}`;
  return `${'*'.repeat(Math.max(digits.length - 2, 0))}${digits.slice(-2)}`;
}

export const withMaskedPhone = <T extends { phone: string }>(record: T): T => ({
  ...record,
  phone: maskPhone(record.phone),
});

/** Audit entries keep what changed, not personal data: phone numbers are stored masked there. */
export function redactPersonalData(record: Record<string, unknown> | null | undefined) {
  if (!record) return record ?? null;
  return Object.fromEntries(
    Object.entries(record).map(([k, v]) => [k, k === 'phone' && typeof v === 'string' ? maskPhone(v) : v]),
  );
}
