import './photos.css';
import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../i18n.ts';
import type { Photo } from '../photos.ts';

export interface PhotoStripProps {
  /** The ticket's photos as GET ticket returns them (`photos`, filtered by `step` if wanted). */
  photos: Pick<Photo, 'id' | 'thumbnailUrl' | 'url' | 'fileName'>[];
  /** What the photos are, e.g. 报修照片 / 完工照片 (also the strip's accessible name). */
  label?: string;
  /** Say so when there are none (else the strip renders nothing). */
  showEmpty?: boolean;
}

/** Thumbnails in a row; tapping one opens it full size, with previous/next and Esc to close. */
export function PhotoStrip({ photos, label, showEmpty }: PhotoStripProps) {
  const [open, setOpen] = useState<number | null>(null);
  if (!photos.length) return showEmpty ? <p class="muted small">{t('photos.none')}</p> : null;
  return (
    <div class="photo-strip">
      {label && <div class="photo-picker-label">{label}</div>}
      <ul class="photo-tiles" aria-label={label}>
        {photos.map((photo, i) => (
          <li key={photo.id} class="photo-tile">
            <button
              type="button"
              class="photo-thumb"
              onClick={() => setOpen(i)}
              aria-label={`${t('photos.view')}: ${photo.fileName}`}
            >
              <img src={photo.thumbnailUrl} alt={photo.fileName} loading="lazy" />
            </button>
          </li>
        ))}
      </ul>
      {open !== null && <PhotoViewer photos={photos} index={open} onIndex={setOpen} />}
    </div>
  );
}

function PhotoViewer({
  photos,
  index,
  onIndex,
}: {
  photos: PhotoStripProps['photos'];
  index: number;
  onIndex: (index: number | null) => void;
}) {
  const photo = photos[index]!;
  const close = useRef<HTMLButtonElement>(null);
  useEffect(() => close.current?.focus(), []);
  const go = (step: number) => onIndex((index + step + photos.length) % photos.length);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') onIndex(null);
      else if (e.key === 'ArrowLeft') go(-1);
      else if (e.key === 'ArrowRight') go(1);
    };
    addEventListener('keydown', onKey);
    return () => removeEventListener('keydown', onKey);
  });
  const title = t('photos.viewer', { n: index + 1, total: photos.length });
  return (
    <div class="photo-viewer" role="dialog" aria-modal="true" aria-label={title}>
      <div class="photo-viewer-bar">
        <span>{title}</span>
        <button
          type="button"
          class="btn-icon"
          ref={close}
          onClick={() => onIndex(null)}
          aria-label={t('common.close')}
        >
          ×
        </button>
      </div>
      <img class="photo-viewer-image" src={photo.url} alt={photo.fileName} />
      {photos.length > 1 && (
        <div class="photo-viewer-nav">
          <button type="button" class="btn" onClick={() => go(-1)}>
            ‹ {t('photos.previous')}
          </button>
          <button type="button" class="btn" onClick={() => go(1)}>
            {t('photos.next')} ›
          </button>
        </div>
      )}
    </div>
  );
}

/** Up to three small thumbnails on a list row or job card (`thumbnails` of the list's items). */
export function PhotoThumbs({ thumbnails }: { thumbnails?: { id: string; thumbnailUrl: string }[] }) {
  if (!thumbnails?.length) return null;
  return (
    <span class="photo-thumbs">
      {thumbnails.map((p) => (
        <img key={p.id} src={p.thumbnailUrl} alt={t('photos.title')} loading="lazy" width={40} height={40} />
      ))}
    </span>
  );
}
