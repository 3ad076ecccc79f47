import './media.css';
import { linkParts, type NoteView } from '@paja/shared';
import { useI18n } from '../../i18n/I18nContext';
import type { Viewport } from '../canvas/viewport';

/** The safe web addresses of an item: a link item's own, then those written in its text. */
export function linksOf(note: Pick<NoteView, 'text' | 'media'>): string[] {
  const found: string[] = [];
  if (note.media?.kind === 'link') found.push(note.media.url);
  for (const part of linkParts(note.text)) if (part.href) found.push(part.href);
  return [...new Set(found)].slice(0, 5);
}

/**
 * The links of the one selected note or link item, as real HTML links under it: the canvas is
 * a picture, so what can be clicked, tabbed to and read aloud is here. Only http and https
 * addresses are links (shared's safeHttpUrl), opened in a new tab with no opener and no
 * referrer: a note is written by anyone on the board.
 */
export function NoteLinks({ note, viewport }: { note: NoteView; viewport: Viewport }) {
  const { t } = useI18n();
  const links = linksOf(note);
  if (links.length === 0) return null;
  return (
    <nav
      className="note-links"
      aria-label={t('media.links')}
      data-testid="note-links"
      style={{
        left: note.x * viewport.scale + viewport.x,
        top: (note.y + note.h) * viewport.scale + viewport.y + 6,
      }}
      // The canvas's gestures are on its container: a press here is the link's, not a drag.
      onPointerDown={(event) => event.stopPropagation()}
    >
      {links.map((href) => (
        <a
          key={href}
          href={href}
          target="_blank"
          rel="noopener noreferrer"
          aria-label={t('media.openLink', { url: href })}
        >
          {href.length > 60 ? `${href.slice(0, 57)}…` : href}
        </a>
      ))}
    </nav>
  );
}
