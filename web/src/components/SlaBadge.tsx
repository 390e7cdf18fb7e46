import { t } from '../i18n.ts';
import { countdown, type SlaView } from '../tickets/countdown.ts';
import { durationText } from '../tickets/labels.ts';

/** "剩余 3小时12分" (amber after the warning time), red "已超时 25分钟", grey "已暂停". */
export function SlaBadge({ sla, now, title }: { sla: SlaView; now: number; title?: string }) {
  const c = countdown(sla, now);
  if (!c) return null;
  const text =
    c.kind === 'left'
      ? t('sla.left', { d: durationText(c.minutes) })
      : c.kind === 'overdue'
        ? t('sla.overdue', { d: durationText(c.minutes) })
        : c.kind === 'paused'
          ? t('sla.paused')
          : c.kind === 'void'
            ? t('sla.void')
            : c.late
              ? t('sla.doneLate')
              : t('sla.done');
  return (
    <span class={`badge badge-${c.tone} sla-badge`} data-sla={c.kind} title={title}>
      {c.kind === 'overdue' && <span aria-hidden="true">⚠ </span>}
      {text}
    </span>
  );
}
