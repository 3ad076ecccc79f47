import { boardPath } from '@paja/shared';
import { type FormEvent, useEffect, useState } from 'react';
import { CreateBoardError, createBoard, lookupBoard } from '../api';
import { useI18n } from '../i18n/I18nContext';
import { LanguageSelect } from '../i18n/LanguageSelect';
import type { MessageKey } from '../i18n/messages';
import { keepInTab, rememberedToken } from '../linkToken';
import { navigate, parseBoardLink } from '../routes';
import { StatementLink } from './StatementPage';
import '../workshop/workshop.css';
import { MyBoards } from './MyBoards';
import { TemplatePicker } from './TemplatePicker';

type Busy = 'idle' | 'creating' | 'opening';

const CREATE_ERRORS: Record<CreateBoardError['reason'], MessageKey> = {
  unknownTemplate: 'landing.error.unknownTemplate',
  throttled: 'landing.error.createThrottled',
  restricted: 'landing.error.createRestricted',
  failed: 'landing.error.createFailed',
};

/** Front page: create a board, or open one from a link someone shared. */
export function LandingPage() {
  const { t, locale } = useI18n();
  const [title, setTitle] = useState('');
  const [template, setTemplate] = useState<string | null>(null);
  const [link, setLink] = useState('');
  const [busy, setBusy] = useState<Busy>('idle');
  const [error, setError] = useState<MessageKey | null>(null);

  useEffect(() => {
    document.title = 'Paja';
  }, []);

  const create = async (event: FormEvent) => {
    event.preventDefault();
    setBusy('creating');
    setError(null);
    try {
      const trimmed = title.trim();
      const board = await createBoard({
        locale,
        ...(trimmed === '' ? {} : { title: trimmed }),
        ...(template === null ? {} : { template }),
      });
      // The token goes to the tab, never into the address bar (see takeToken).
      if (board.token) keepInTab(board.id, board.token);
      const path = board.path.startsWith('/b/') ? board.path : boardPath(board.id);
      navigate(path);
    } catch (failure) {
      const reason = failure instanceof CreateBoardError ? failure.reason : 'failed';
      setError(CREATE_ERRORS[reason]);
      setBusy('idle');
    }
  };

  const open = async (event: FormEvent) => {
    event.preventDefault();
    const parsed = parseBoardLink(link);
    if (parsed === null) {
      setError('landing.error.invalidLink');
      return;
    }
    setBusy('opening');
    setError(null);
    const { boardId } = parsed;
    const token = parsed.token ?? rememberedToken(boardId);
    const found = await lookupBoard(boardId, token);
    setBusy('idle');
    switch (found.kind) {
      case 'found':
        if (token) keepInTab(boardId, token);
        navigate(boardPath(boardId));
        return;
      case 'not-found':
        setError('landing.error.notFound');
        return;
      case 'no-access':
        setError('landing.error.noAccess');
        return;
      case 'unavailable':
      case 'network-error':
        setError('landing.error.network');
        return;
    }
  };

  return (
    <div className="landing">
      <a className="skip-link" href="#landing-main">
        {t('a11y.skipContent')}
      </a>
      <header className="landing-header">
        <span className="brand">{t('app.name')}</span>
        <LanguageSelect />
      </header>
      <main className="landing-main" id="landing-main" tabIndex={-1}>
        <h1>
          {t('app.name')}
          <span className="tagline">{t('app.tagline')}</span>
        </h1>
        <MyBoards />
        <form className="card" onSubmit={create}>
          <h2>{t('landing.createHeading')}</h2>
          <label htmlFor="board-title">{t('landing.titleLabel')}</label>
          <input
            id="board-title"
            data-testid="board-title-input"
            value={title}
            maxLength={200}
            placeholder={t('landing.titlePlaceholder')}
            onChange={(event) => setTitle(event.target.value)}
          />
          <TemplatePicker value={template} onChange={setTemplate} />
          <button
            type="submit"
            className="primary"
            data-testid="create-board"
            disabled={busy !== 'idle'}
          >
            {busy === 'creating' ? t('landing.creating') : t('landing.create')}
          </button>
        </form>
        <form className="card" onSubmit={open}>
          <h2>{t('landing.openHeading')}</h2>
          <label htmlFor="open-board">{t('landing.openLabel')}</label>
          <input
            id="open-board"
            data-testid="open-board-input"
            value={link}
            placeholder={t('landing.openPlaceholder')}
            autoComplete="off"
            spellCheck={false}
            aria-describedby={error ? 'landing-error' : undefined}
            onChange={(event) => setLink(event.target.value)}
          />
          <button type="submit" data-testid="open-board" disabled={busy !== 'idle'}>
            {busy === 'opening' ? t('landing.opening') : t('landing.open')}
          </button>
        </form>
        {error && (
          <p id="landing-error" className="error" role="alert" data-testid="landing-error">
            {t(error)}
          </p>
        )}
      </main>
      <footer className="landing-footer">
        <StatementLink />
      </footer>
    </div>
  );
}
