import { useI18n } from '../i18n/I18nContext';

/**
 * The top of a workshop dialog: its heading (which labels the dialog: `id` goes in its
 * aria-labelledby) and the close button, tested as `<name>-close`.
 */
export function DialogHead({
  id,
  title,
  name,
  onClose,
}: {
  id: string;
  title: string;
  name: string;
  onClose(): void;
}) {
  const { t } = useI18n();
  return (
    <div className="share-head">
      <h2 id={id}>{title}</h2>
      <button type="button" className="quiet" onClick={onClose} data-testid={`${name}-close`}>
        {t('panel.close')}
      </button>
    </div>
  );
}

/** What a dialog that calls the board's HTTP API gets (export, history). */
export interface BoardDialogProps {
  boardId: string;
  /** The link's access token (sent as a bearer token). */
  token: string;
  /** The person's own name: recorded as who exported or took a snapshot. */
  userName: string;
  onClose(): void;
}
