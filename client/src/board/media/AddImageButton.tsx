import { useRef } from 'react';
import { useI18n } from '../../i18n/I18nContext';
import { ImageIcon } from '../chrome/icons';

/**
 * "Add image" for touch and keyboard users (pasting and dropping need a mouse or a clipboard):
 * a button that opens the device's file picker (on a phone: the photo library or the camera).
 */
export function AddImageButton({
  refusal,
  onFiles,
}: {
  /** Why adding is not possible now, or null. */
  refusal: string | null;
  onFiles(files: File[]): void;
}) {
  const { t } = useI18n();
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <button
        type="button"
        data-testid="add-image"
        aria-disabled={refusal !== null}
        title={refusal ?? t('toolbar.addImage')}
        onClick={() => {
          if (refusal === null) input.current?.click();
          else onFiles([]);
        }}
      >
        {/* Below 1280 px the words are for screen readers and the tooltip only (the
            toolbar's rows are full on a tablet in Finnish): the picture says it. */}
        <ImageIcon /> <span className="tool-label">{t('toolbar.addImage')}</span>
      </button>
      <input
        ref={input}
        type="file"
        hidden
        multiple
        accept="image/png,image/jpeg,image/webp,image/gif"
        aria-label={t('media.chooseImage')}
        data-testid="add-image-input"
        onChange={(event) => {
          const files = [...(event.target.files ?? [])];
          event.target.value = '';
          if (files.length > 0) onFiles(files);
        }}
      />
    </>
  );
}
