import { linkParts, type NoteView } from '@paja/shared';
import { useI18n } from '../../i18n/I18nContext';
import { ContentText } from '../language/ReadingLang';
import { imageUrlFor, useImagesLoaded } from './imageCache';
import './media.css';

const external = { target: '_blank', rel: 'noopener noreferrer' } as const;

/**
 * A note's words in the outline: text with its web addresses as links (only http and https;
 * javascript: and the like stay text), an image with its description as its alternative text,
 * a link item as a link with its title.
 */
export function OutlineNoteBody({ note }: { note: NoteView }) {
  const { t } = useI18n();
  const media = note.media;
  if (media?.kind === 'image') return <OutlineImage note={note} blob={media.blob} />;
  if (media?.kind === 'link') {
    return (
      <p className="outline-note-text">
        <a href={media.url} {...external}>
          {note.text || media.url}
        </a>
      </p>
    );
  }
  return (
    <p className="outline-note-text">
      <ContentText
        text={note.text}
        lang={note.lang}
        fallback={t('outline.emptyNote')}
        render={(text) =>
          linkParts(text).map((part, i) =>
            part.href ? (
              // biome-ignore lint/suspicious/noArrayIndexKey: parts of one text, in order
              <a key={i} href={part.href} {...external}>
                {part.text}
              </a>
            ) : (
              part.text
            ),
          )
        }
      />
    </p>
  );
}

function OutlineImage({ note, blob }: { note: NoteView; blob: string }) {
  const { t } = useI18n();
  useImagesLoaded();
  const src = imageUrlFor(blob, true);
  return (
    <figure className="outline-note-text" data-testid="outline-image">
      {/* The caption says what the picture shows; the image itself adds nothing to read. */}
      {src && <img className="outline-image" src={src} alt="" />}
      <figcaption className={note.text ? undefined : 'outline-image-missing'}>
        {note.text ? t('media.image', { alt: note.text }) : t('media.alt.missing')}
      </figcaption>
    </figure>
  );
}
