import type { NoteView, RankedResult } from '@paja/shared';
import { memo } from 'react';
import { useI18n } from '../../i18n/I18nContext';
import { boardToScreen, type Viewport } from '../canvas/viewport';
import { dotCount, noteLabel } from '../canvas/voteText';

/** Below this on-screen width a note has no room for a dot control: use the list or a key. */
const MIN_NOTE_PX = 56;

export interface DotControls {
  candidates: ReadonlySet<string>;
  /** This person's dots by note. */
  mine: Readonly<Record<string, number>>;
  /** Whether one more dot on this note would be within the rules (else the button explains). */
  canCast(note: string): boolean;
  cast(note: string): void;
  retract(note: string): void;
}

interface VoteOverlayProps {
  notes: readonly NoteView[];
  viewport: Viewport;
  /** While a vote is open and this person votes: a dot control on every visible candidate. */
  controls: DotControls | null;
  /** Revealed results to show on the notes: a badge with rank and count. */
  results: readonly RankedResult[] | null;
  /** Zooms the view to `scale` about its centre (the hint when notes are too small to vote on). */
  onZoom(scale: number): void;
}

/**
 * A scale at which the narrowest of `notes` is comfortably wide for its dot control and text
 * (128 px, or its full size if smaller), and at least wide enough for the control.
 */
export function scaleToVote(notes: readonly NoteView[]): number {
  const narrowest = Math.min(...notes.map((n) => n.w));
  return Math.max((MIN_NOTE_PX + 8) / narrowest, Math.min(1, 128 / narrowest));
}

/**
 * Whether a note drawn above `notes[index]` (later in back-to-front order) covers its corners,
 * where a control or badge would sit on someone else's note. Such a note is voted on from the
 * panel's list or with the keyboard instead.
 */
function cornerCovered(notes: readonly NoteView[], index: number): boolean {
  const note = notes[index] as NoteView;
  const corners = [
    { x: note.x + note.w - 1, y: note.y + note.h - 1 },
    { x: note.x + 1, y: note.y + 1 },
  ];
  for (let i = index + 1; i < notes.length; i++) {
    const o = notes[i] as NoteView;
    for (const c of corners) {
      if (c.x >= o.x && c.x <= o.x + o.w && c.y >= o.y && c.y <= o.y + o.h) return true;
    }
  }
  return false;
}

/**
 * HTML laid over the canvas, on the notes of a vote: real buttons (focusable, named for screen
 * readers, large enough to tap) rather than shapes on the canvas, placed from the view like the
 * note editor. Presses here never start a canvas gesture (those begin only on the drawing).
 */
export const VoteOverlay = memo(function VoteOverlay(props: VoteOverlayProps) {
  const { t } = useI18n();
  const { notes, viewport, controls, results } = props;
  // A note nobody gave a dot gets no badge: every such note showing "2. 0 dots" read as a
  // shared second place (the panel lists them, unranked).
  const ranked = new Map((results ?? []).filter((r) => r.count > 0).map((r) => [r.note, r]));
  const marked = (n: NoteView) => (controls ? controls.candidates.has(n.id) : ranked.has(n.id));
  const items = notes.filter(
    (n, i) => n.w * viewport.scale >= MIN_NOTE_PX && marked(n) && !cornerCovered(notes, i),
  );
  // Zoomed out, candidates in view get no control: say so, or a voter sees nothing to press.
  const tooSmall = controls
    ? notes.filter((n) => n.w * viewport.scale < MIN_NOTE_PX && marked(n))
    : [];
  if (items.length === 0 && tooSmall.length === 0) return null;
  return (
    <div className="vote-overlay" data-testid="vote-overlay">
      {tooSmall.length > 0 && (
        <div className="vote-zoom-hint" data-testid="vote-zoom-hint">
          <span>{t('vote.zoomHint', { count: tooSmall.length })}</span>
          <button type="button" onClick={() => props.onZoom(scaleToVote(tooSmall))}>
            {t('vote.zoomIn')}
          </button>
        </div>
      )}
      {items.map((note) => {
        const label = noteLabel(note);
        if (controls) {
          const corner = boardToScreen(viewport, { x: note.x + note.w, y: note.y + note.h });
          const own = controls.mine[note.id] ?? 0;
          return (
            <div
              key={note.id}
              className="dot-control"
              style={{ left: corner.x, top: corner.y }}
              data-testid="dot-control"
              data-note={note.id}
              data-mine={own}
            >
              {own > 0 && (
                <button
                  type="button"
                  className="dot-remove"
                  aria-label={t('vote.remove', { note: label })}
                  title={t('vote.remove', { note: label })}
                  onClick={() => controls.retract(note.id)}
                >
                  <span aria-hidden="true">{'●'.repeat(Math.min(own, 5))}</span>
                  {own > 5 && <span aria-hidden="true">+{own - 5}</span>}
                </button>
              )}
              <button
                type="button"
                className={controls.canCast(note.id) ? 'dot-add' : 'dot-add spent'}
                aria-label={t('vote.add', { note: label })}
                title={t('vote.add', { note: label })}
                onClick={() => controls.cast(note.id)}
              >
                +
              </button>
            </div>
          );
        }
        const result = ranked.get(note.id) as RankedResult;
        // The top left corner: the top right is the note's comment marker's (CommentMarkers).
        const corner = boardToScreen(viewport, { x: note.x, y: note.y });
        return (
          <div
            key={note.id}
            className={result.rank === 1 ? 'vote-badge top' : 'vote-badge'}
            style={{ left: corner.x, top: corner.y }}
            role="img"
            aria-label={t('vote.noteBadge', { rank: result.rank, count: result.count })}
            data-testid="vote-badge"
            data-note={note.id}
            data-count={result.count}
          >
            <span className="vote-badge-rank">{result.rank}.</span> {dotCount(t, result.count)}
          </div>
        );
      })}
    </div>
  );
});
