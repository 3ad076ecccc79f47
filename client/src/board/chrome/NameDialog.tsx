import type { Role } from '@paja/shared';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useI18n } from '../../i18n/I18nContext';
import type { MessageKey } from '../../i18n/messages';
import { cleanName, NAME_MAX } from '../../identity';
import { OrganisationField } from '../../workshop/OrganisationField';
import { rememberOrganisation, storedOrganisation } from '../../workshop/organisations';
import { mayEdit } from '../input/commandRules';

interface NameDialogProps {
  initial: string;
  /** First visit: joining needs a name, so there is no cancel. */
  required: boolean;
  onSubmit(name: string): void;
  onCancel(): void;
  /** The board's organisation list: when given, the dialog also asks for an organisation. */
  organisations?: readonly string[];
  /** The person's role on this board, when known: the help says where others see the name. */
  role?: Role | null;
}

/** Where others see a person's name: on notes, on comments, or only among the people here. */
function nameHelp(role: Role | null | undefined): MessageKey {
  if (role === 'commenter' || role === 'moderator') return 'name.helpComments';
  if (role === 'viewer') return 'name.helpViewer';
  return 'name.help';
}

/** Asks for the name shown to others. A modal <dialog>: focus stays inside, Escape cancels. */
export function NameDialog({
  initial,
  required,
  onSubmit,
  onCancel,
  organisations,
  role,
}: NameDialogProps) {
  const { t } = useI18n();
  const [value, setValue] = useState(initial);
  const [organisation, setOrganisation] = useState(storedOrganisation);
  const dialogRef = useRef<HTMLDialogElement>(null);
  // The organisation is written on the notes a person adds: asked only of those who add notes
  // (a role not known yet is asked too).
  const asksOrganisation = organisations !== undefined && mayEdit(role ?? null);

  useEffect(() => {
    const dialog = dialogRef.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const name = cleanName(value);
    if (name === '') return;
    if (asksOrganisation) rememberOrganisation(organisation);
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
        <p id="name-dialog-help">{t(nameHelp(role))}</p>
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
        {asksOrganisation && (
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
