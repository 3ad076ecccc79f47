import type { NoteView } from '@paja/shared';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useI18n } from '../../i18n/I18nContext';
import { intersects } from '../canvas/geometry';
import { visibleBoard } from '../canvas/minimap';
import type { Size, Viewport } from '../canvas/viewport';

interface ArrivalsProps {
  /** Every note where it is drawn (the document's, not others' drags in progress). */
  placed: readonly NoteView[];
  byId: ReadonlyMap<string, NoteView>;
  viewport: Viewport;
  size: Size;
  /** False until the board's first sync: what it brings is the board, not news. */
  ready: boolean;
  /** This person's id: their own notes are no news to them. */
  me: string;
  onShow(note: NoteView): void;
}

/**
 * Notes other people add where this person is not looking: a button above the toolbar, "2 new
 * notes out of view", that brings the newest into view. On a phone (no minimap) a participant
 * otherwise sees an empty screen while the workshop's board fills up beside it. A note counts
 * until it has been in view once (or is gone).
 */
export function Arrivals({ placed, byId, viewport, size, ready, me, onShow }: ArrivalsProps) {
  const { t } = useI18n();
  const known = useRef<Set<string> | null>(null);
  const [waiting, setWaiting] = useState<readonly string[]>([]);

  // Only a change of the document runs this (`placed` is memoised on it), never a pan.
  useEffect(() => {
    if (!ready) return;
    if (known.current === null) {
      known.current = new Set(placed.map((note) => note.id));
      return;
    }
    const seen = known.current;
    const fresh: string[] = [];
    for (const note of placed) {
      if (seen.has(note.id)) continue;
      seen.add(note.id);
      if (note.authorId !== me) fresh.push(note.id);
    }
    if (fresh.length > 0) setWaiting((was) => [...was, ...fresh]);
  }, [placed, ready, me]);

  // Compared by its numbers: the view's object is new at every render.
  const { x, y, w, h } = visibleBoard(viewport, size);
  const out = useMemo(
    () =>
      waiting.filter((id) => {
        const note = byId.get(id);
        return note !== undefined && !intersects(note, { x, y, w, h });
      }),
    [waiting, byId, x, y, w, h],
  );
  // A note once seen (or deleted) is no longer news, even if the view moves away again.
  useEffect(() => {
    if (out.length !== waiting.length) setWaiting(out);
  }, [out, waiting]);

  const newest = out.length > 0 ? byId.get(out[out.length - 1] as string) : undefined;
  if (!newest) return null;
  return (
    <button
      type="button"
      className="arrivals"
      data-testid="arrivals"
      data-count={out.length}
      onClick={() => onShow(newest)}
    >
      {t('arrivals.label', { count: out.length })}
    </button>
  );
}
