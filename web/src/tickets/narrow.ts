import { useEffect, useState } from 'preact/hooks';

/** A phone-width screen (the stylesheets' 640 px break): lists become cards rather than a squeezed table. */
export function useNarrow(query = '(max-width: 640px)'): boolean {
  const [narrow, setNarrow] = useState(() => window.matchMedia(query).matches);
  useEffect(() => {
    const media = window.matchMedia(query);
    const change = () => setNarrow(media.matches);
    media.addEventListener('change', change);
    change();
    return () => media.removeEventListener('change', change);
  }, [query]);
  return narrow;
}
