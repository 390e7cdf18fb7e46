import './photos.css';
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from '../api.ts';
import { errorText, t } from '../i18n.ts';
import { checkPhoto, makeThumbnail, type Photo, PhotoError, photoLimits, uploadPhoto } from '../photos.ts';

export interface PhotoPickerProps {
  /** The property the ticket belongs to: photos can only be attached to its tickets. */
  propertyId: string;
  /** Ids of the uploaded, confirmed photos, in order: send them as the action's `photoIds`. */
  value: string[];
  onChange: (photoIds: string[]) => void;
  /** True while a photo is being prepared or uploaded: keep the form's submit disabled meanwhile. */
  onBusyChange?: (busy: boolean) => void;
  /** Photos this step may carry (the API allows 9). */
  max?: number;
  /** The field's label, e.g. 报修照片 / 完工照片. */
  label?: string;
  disabled?: boolean;
}

interface Item {
  key: number;
  file: File;
  name: string;
  status: 'preparing' | 'uploading' | 'ready' | 'failed';
  progress: number;
  preview?: string;
  thumbnail?: Blob;
  photo?: Photo;
  error?: string;
  /** Trying again may help (the network, an expired link), unlike a file that is not a photo. */
  retryable?: boolean;
}

let nextKey = 1;
const messageOf = (error: unknown) => (error instanceof PhotoError ? t(error.key) : errorText(error));
const retryable = (error: unknown) =>
  error instanceof PhotoError
    ? error.key === 'photos.error.failed' || error.key === 'photos.error.expired'
    : !(error instanceof ApiError) || error.status === 0 || error.status >= 500;

/**
 * Take or choose photos on a phone or desktop: each is checked (type, 10 MB), thumbnailed in the
 * browser, uploaded with progress and confirmed; its id joins `value` only once confirmed.
 */
export function PhotoPicker({
  propertyId,
  value,
  onChange,
  onBusyChange,
  max = photoLimits.perStep,
  label,
  disabled,
}: PhotoPickerProps) {
  const [items, setItems] = useState<Item[]>([]);
  const [rejected, setRejected] = useState<string[]>([]);
  const input = useRef<HTMLInputElement>(null);
  const latest = useRef({ value, onChange });
  latest.current = { value, onChange };

  const update = (key: number, change: Partial<Item>) =>
    setItems((list) => list.map((i) => (i.key === key ? { ...i, ...change } : i)));

  // The form cleared `value` (e.g. after submitting): forget the photos it no longer holds.
  useEffect(() => {
    setItems((list) => list.filter((i) => i.status !== 'ready' || value.includes(i.photo!.id)));
    if (!value.length) setRejected([]);
  }, [value]);

  const busy = items.some((i) => i.status === 'preparing' || i.status === 'uploading');
  useEffect(() => onBusyChange?.(busy), [busy]);

  useEffect(
    () => () => {
      for (const i of items) if (i.preview) URL.revokeObjectURL(i.preview);
    },
    [],
  );

  async function upload(item: Item) {
    try {
      let thumbnail = item.thumbnail;
      if (!thumbnail) {
        thumbnail = await makeThumbnail(item.file);
        update(item.key, { thumbnail, preview: URL.createObjectURL(thumbnail) });
      }
      update(item.key, { status: 'uploading', progress: 0, error: undefined });
      const photo = await uploadPhoto(propertyId, item.file, {
        thumbnail,
        onProgress: (progress) => update(item.key, { progress }),
      });
      update(item.key, { status: 'ready', progress: 1, photo });
      latest.current.onChange([...latest.current.value, photo.id]);
    } catch (error) {
      update(item.key, { status: 'failed', error: messageOf(error), retryable: retryable(error) });
    }
  }

  function pick(files: FileList | null) {
    const chosen = [...(files ?? [])];
    if (input.current) input.current.value = '';
    const problems: string[] = [];
    const room = max - items.length;
    if (chosen.length > room) problems.push(t('photos.error.tooMany', { max }));
    const accepted: Item[] = [];
    for (const file of chosen.slice(0, Math.max(0, room))) {
      try {
        checkPhoto(file);
        accepted.push({ key: nextKey++, file, name: file.name, status: 'preparing', progress: 0 });
      } catch (error) {
        problems.push(`${file.name}：${messageOf(error)}`);
      }
    }
    setRejected(problems);
    setItems((list) => [...list, ...accepted]);
    for (const item of accepted) void upload(item);
  }

  function remove(item: Item) {
    setItems((list) => list.filter((i) => i.key !== item.key));
    if (item.preview) URL.revokeObjectURL(item.preview);
    if (item.photo) onChange(value.filter((id) => id !== item.photo!.id));
  }

  return (
    <div class="photo-picker">
      {label && <div class="photo-picker-label">{label}</div>}
      <ul class="photo-tiles">
        {items.map((item) => (
          <li key={item.key} class={`photo-tile is-${item.status}`} data-status={item.status}>
            {item.preview ? (
              <img src={item.preview} alt={item.name} />
            ) : (
              <span class="photo-tile-placeholder" aria-hidden="true" />
            )}
            {(item.status === 'preparing' || item.status === 'uploading') && (
              <div class="photo-tile-progress" role="status">
                <span>
                  {item.status === 'preparing'
                    ? t('photos.preparing')
                    : t('photos.uploading', { percent: Math.round(item.progress * 100) })}
                </span>
                <progress max={1} value={item.status === 'uploading' ? item.progress : undefined} />
              </div>
            )}
            {item.status === 'failed' && (
              <div class="photo-tile-error" role="alert">
                <span>{item.error}</span>
                {item.retryable && (
                  <button type="button" class="btn btn-small" onClick={() => void upload(item)}>
                    {t('photos.retry')}
                  </button>
                )}
              </div>
            )}
            <button
              type="button"
              class="photo-tile-remove"
              aria-label={`${t('photos.remove')} ${item.name}`}
              title={t('photos.remove')}
              onClick={() => remove(item)}
              disabled={disabled}
            >
              ×
            </button>
          </li>
        ))}
        {items.length < max && (
          <li class="photo-tile photo-add">
            <label class={disabled ? 'is-disabled' : undefined}>
              <span class="photo-add-plus" aria-hidden="true">
                +
              </span>
              <span>{t('photos.add')}</span>
              <input
                ref={input}
                type="file"
                accept="image/*"
                capture="environment"
                multiple
                disabled={disabled}
                onChange={(e) => pick(e.currentTarget.files)}
              />
            </label>
          </li>
        )}
      </ul>
      <div class="photo-picker-hint muted small">
        {t('photos.addHint', { max })} · {t('photos.count', { n: items.length, max })}
      </div>
      {rejected.length > 0 && (
        <ul class="photo-picker-rejected" role="alert">
          {rejected.map((r) => (
            <li key={r}>{r}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
