import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useI18n } from '../../i18n/I18nContext';
import { cleanName, NAME_MAX } from '../../identity';
import { OrganisationField } from '../../workshop/OrganisationField';
import { rememberOrganisation, storedOrganisation } from '../../workshop/organisations';

interface NameDialogProps {
  initial: string;
  /** First visit: joining needs a name, so there is no cancel. */
  required: boolean;
  onSubmit(name: string): void;
  onCancel(): void;
  /** The board's organisation list: when given, the dialog also asks for an organisation. */
  organisations?: readonly string[];
}

/** Asks for the name shown to others. A modal <dialog>: focus stays inside, Escape cancels. */
export function NameDialog({
  initial,
  required,
  onSubmit,
  onCancel,
  organisations,
}: NameDialogProps) {
  const { t } = useI18n();
  const [value, setValue] = useState(initial);
  const [organisation, setOrganisation] = useState(storedOrganisation);
  const dialogRef = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const dialog = dialogRef.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const name = cleanName(value);
    if (name === '') return;
    if (organisations) rememberOrganisation(organisation);
    onSubmit(name);
  };

  return (
    <dialog
      ref={dialogRef}
      className="name-dialog"
      aria-labelledby="name-dialog-title"
      onCancel={(event) => {
        event.preventDefault();
        if (!required) onCancel();
      }}
    >
      <form onSubmit={submit}>
        <h2 id="name-dialog-title">{t('name.title')}</h2>
        <p id="name-dialog-help">{t('name.help')}</p>
        <label htmlFor="name-input">{t('name.label')}</label>
        <input
          id="name-input"
          data-testid="name-input"
          value={value}
          maxLength={NAME_MAX}
          autoComplete="nickname"
          aria-describedby="name-dialog-help"
          required
          autoFocus
          onChange={(event) => setValue(event.target.value)}
        />
        {organisations && (
          <OrganisationField
            options={organisations}
            value={organisation}
            onChange={setOrganisation}
          />
        )}
        <div className="dialog-actions">
          {!required && (
            <button type="button" onClick={onCancel}>
              {t('name.cancel')}
            </button>
          )}
          <button
            type="submit"
            className="primary"
            data-testid="name-submit"
            disabled={cleanName(value) === ''}
          >
            {required ? t('name.submit') : t('name.save')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
