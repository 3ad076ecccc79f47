import { NOTE_COLOR_NAMES, NOTE_COLORS, type NoteColor } from '@paja/shared';
import { useI18n } from '../i18n/I18nContext';
import { colorKey } from '../i18n/messages';

interface ToolbarProps {
  readOnly: boolean;
  /** Colour of the selected note; null when nothing is selected (no colour or delete tools). */
  selectedColor: NoteColor | null;
  scale: number;
  onAddNote(): void;
  onDelete(): void;
  onRecolor(color: NoteColor): void;
  onZoom(direction: 1 | -1): void;
  onResetZoom(): void;
}

export function Toolbar({
  readOnly,
  selectedColor,
  scale,
  onAddNote,
  onDelete,
  onRecolor,
  onZoom,
  onResetZoom,
}: ToolbarProps) {
  const { t } = useI18n();
  const percent = Math.round(scale * 100);
  // mousedown must not move focus out of the note editor before the click lands, or the
  // editor would close and a recolour while typing would cost the caret.
  const keepFocus = (event: React.MouseEvent) => event.preventDefault();
  return (
    <div className="toolbar" role="toolbar" aria-label={t('toolbar.label')}>
      {!readOnly && (
        <button type="button" className="primary" data-testid="add-note" onClick={onAddNote}>
          <span aria-hidden="true">+</span> {t('toolbar.addNote')}
        </button>
      )}
      {!readOnly && selectedColor !== null && (
        <>
          <fieldset className="palette">
            <legend className="visually-hidden">{t('toolbar.colors')}</legend>
            {NOTE_COLOR_NAMES.map((color) => {
              const name = t(colorKey(color));
              return (
                <button
                  key={color}
                  type="button"
                  className="swatch"
                  data-testid={`color-${color}`}
                  aria-label={t('toolbar.color', { color: name })}
                  aria-pressed={color === selectedColor}
                  title={name}
                  style={{ background: NOTE_COLORS[color] }}
                  onMouseDown={keepFocus}
                  onClick={() => onRecolor(color)}
                />
              );
            })}
          </fieldset>
          <button
            type="button"
            data-testid="delete-note"
            onMouseDown={keepFocus}
            onClick={onDelete}
            aria-label={t('toolbar.deleteNote')}
            title={t('toolbar.deleteNote')}
          >
            <TrashIcon />
          </button>
        </>
      )}
      <div className="zoom">
        <button
          type="button"
          data-testid="zoom-out"
          aria-label={t('toolbar.zoomOut')}
          title={t('toolbar.zoomOut')}
          onClick={() => onZoom(-1)}
        >
          −
        </button>
        <button
          type="button"
          data-testid="zoom-reset"
          className="zoom-level"
          aria-label={t('toolbar.zoomReset', { percent })}
          title={t('toolbar.zoomReset', { percent })}
          onClick={onResetZoom}
        >
          {percent} %
        </button>
        <button
          type="button"
          data-testid="zoom-in"
          aria-label={t('toolbar.zoomIn')}
          title={t('toolbar.zoomIn')}
          onClick={() => onZoom(1)}
        >
          +
        </button>
      </div>
    </div>
  );
}

function TrashIcon() {
  return (
    <svg width="18" height="18" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <path
        fill="currentColor"
        d="M9 3h6l1 2h4v2H4V5h4l1-2zm-3 6h12l-1 12H7L6 9zm4 2v8h2v-8h-2zm4 0v8h2v-8h-2z"
      />
    </svg>
  );
}
