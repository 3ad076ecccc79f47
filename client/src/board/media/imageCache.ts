import { useEffect, useState } from 'react';
import { fetchFile, imageUrl } from './mediaApi';

/**
 * Decoded images of the open board, for the canvas and the outline. An image is read with the
 * link's token (an <img src> cannot send it), kept as an object URL and decoded once; the
 * canvas draws the thumbnail while a note is small on screen and the full image when it is
 * large. One board is open at a time: opening another drops the previous board's images.
 */
type Entry =
  | { state: 'loading' }
  | { state: 'ready'; image: HTMLImageElement; url: string }
  | { state: 'failed' };

let source: { boardId: string; token: string | null } | null = null;
const entries = new Map<string, Entry>();
const listeners = new Set<() => void>();

export function setImageSource(boardId: string, token: string | null): void {
  if (source?.boardId === boardId && source.token === token) return;
  for (const entry of entries.values()) if (entry.state === 'ready') URL.revokeObjectURL(entry.url);
  entries.clear();
  source = { boardId, token };
}

const keyOf = (blob: string, thumb: boolean) => `${blob}${thumb ? '?thumb' : ''}`;

function notify(): void {
  for (const listener of listeners) listener();
}

/** The decoded image, or null while it loads (or failed); starts loading on first ask. */
export function imageFor(blob: string, thumb: boolean): HTMLImageElement | null {
  const key = keyOf(blob, thumb);
  const entry = entries.get(key);
  if (entry) return entry.state === 'ready' ? entry.image : null;
  if (!source) return null;
  const { boardId, token } = source;
  entries.set(key, { state: 'loading' });
  void load(imageUrl(boardId, token, blob, thumb), token).then((loaded) => {
    if (source?.boardId !== boardId) {
      if (loaded) URL.revokeObjectURL(loaded.url);
      return;
    }
    entries.set(key, loaded ? { state: 'ready', ...loaded } : { state: 'failed' });
    notify();
  });
  return null;
}

/** The object URL of a loaded image (for an <img> in the outline), or null. */
export function imageUrlFor(blob: string, thumb: boolean): string | null {
  imageFor(blob, thumb);
  const entry = entries.get(keyOf(blob, thumb));
  return entry?.state === 'ready' ? entry.url : null;
}

async function load(url: string, token: string | null) {
  const blob = await fetchFile(url, token);
  if (!blob) return null;
  const objectUrl = URL.createObjectURL(blob);
  const image = new Image();
  image.src = objectUrl;
  try {
    await image.decode();
  } catch {
    URL.revokeObjectURL(objectUrl);
    return null;
  }
  return { image, url: objectUrl };
}

/** Re-renders the caller when any image of the board finishes loading. */
export function useImagesLoaded(): number {
  const [version, setVersion] = useState(0);
  useEffect(() => {
    const listener = () => setVersion((v) => v + 1);
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
    };
  }, []);
  return version;
}
