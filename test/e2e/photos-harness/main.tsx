/**
 * A host page for the photo components, built and served only by test/e2e/photos.test.ts (never part of
 * the dashboard build): a repair registered with photos, the way a ticket page will use them.
 */
import '../../../web/src/styles.css';
import { render } from 'preact';
import { useState } from 'preact/hooks';
import { request } from '../../../web/src/api.ts';
import { PhotoPicker } from '../../../web/src/components/PhotoPicker.tsx';
import { PhotoStrip } from '../../../web/src/components/PhotoStrip.tsx';
import { ErrorBox } from '../../../web/src/components/ui.tsx';
import type { Photo } from '../../../web/src/photos.ts';

const propertyId = new URLSearchParams(location.search).get('propertyId') ?? '';

function RegisterWithPhotos() {
  const [photoIds, setPhotoIds] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState<Photo[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const base = `/api/tickets/properties/${propertyId}`;

  async function register() {
    setError(null);
    try {
      const { ticket } = await request<{ ticket: { id: string } }>(`${base}/contacts`, {
        method: 'POST',
        json: {
          time: new Date().toISOString(),
          channel: 'visit',
          caller: { name: '王芳' },
          category: 'repair',
          summary: '阳台玻璃裂了',
          ticket: { location: { place: '3号楼大堂' }, photoIds },
        },
      });
      const detail = await request<{ photos: Photo[] }>(`${base}/tickets/${ticket.id}`);
      setSaved(detail.photos);
      setPhotoIds([]);
    } catch (e) {
      setError(e);
    }
  }

  return (
    <main style="padding: 16px; max-width: 600px">
      <h1 style="margin-bottom: 12px">登记报修</h1>
      <PhotoPicker
        propertyId={propertyId}
        value={photoIds}
        onChange={setPhotoIds}
        onBusyChange={setBusy}
        label="报修照片"
      />
      <p>
        <button
          type="button"
          class="btn btn-primary"
          id="register"
          disabled={busy || photoIds.length === 0}
          onClick={register}
        >
          登记报修
        </button>
      </p>
      <ErrorBox error={error} />
      {saved && <PhotoStrip photos={saved} label="已登记的报修照片" />}
    </main>
  );
}

render(<RegisterWithPhotos />, document.getElementById('app')!);
