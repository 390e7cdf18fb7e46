import { type Names, timelineSentence } from '../history/sentences.ts';
import { formatDateTime, t } from '../i18n.ts';
import type { TicketKind, TimelineEntry } from './api.ts';
import { stateLabel } from './labels.ts';

/** A ticket's history, one sentence per step ("王芳 派工给 石平刚"), with what was noted below it. */
export function Timeline({
  kind,
  entries,
  names,
  timeZone,
}: {
  kind: TicketKind;
  entries: TimelineEntry[];
  names: Names;
  /** The property's: when each step happened, and the times the steps name. */
  timeZone: string;
}) {
  return (
    <section class="card" aria-label={t('ticket.timeline')}>
      <h2>{t('ticket.timeline')}</h2>
      <ol class="timeline" data-testid="timeline">
        {entries.map((e) => {
          const sentence = timelineSentence(kind, e, names, timeZone);
          return (
            <li key={e.id}>
              <div class="timeline-when muted small">
                {formatDateTime(e.at, timeZone)}
                {e.from !== e.to && <span class="timeline-state"> · {stateLabel(kind, e.to)}</span>}
              </div>
              <div class="timeline-sentence">{sentence.text}</div>
              {sentence.details.map((line) => (
                <div key={line} class="timeline-input small">
                  {line}
                </div>
              ))}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
