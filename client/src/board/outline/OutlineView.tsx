import {
  type Author,
  authorFields,
  can,
  createNote,
  findFreeSpot,
  NOTE_DEFAULT_SIZE,
  readVoteSessions,
} from '@paja/shared';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useI18n } from '../../i18n/I18nContext';
import { useCommentActions } from '../chrome/useCommentActions';
import { useDotControls } from '../chrome/useDotControls';
import { useFocusGuard } from '../chrome/useFocusGuard';
import { mayEdit } from '../input/commands';
import { ContentText } from '../language/ReadingLang';
import type { BoardSession } from '../session/BoardSession';
import { useStore } from '../session/store';
import { ItemComments } from './OutlineComments';
import { OutlineModeration } from './OutlineModeration';
import { NoteList } from './OutlineNote';
import { OutlineRoadmap } from './OutlineRoadmap';
import { VotesSection } from './OutlineVotes';
import { OutlineContext, type OutlineTools } from './outlineContext';
import { buildOutline } from './outlineModel';
import { useChangeAnnouncer } from './useChangeAnnouncer';
import './outline.css';

/** Re-reads with every transaction on the document (vote sessions are not in the store). */
function useDocVersion(session: BoardSession): number {
  const [version, setVersion] = useState(0);
  useEffect(() => {
    const bump = () => setVersion((v) => v + 1);
    session.doc.on('afterTransaction', bump);
    return () => session.doc.off('afterTransaction', bump);
  }, [session]);
  return version;
}

/**
 * The board as a document: the same live Y.Doc as the canvas, read as headings, lists and a
 * table, for a screen reader, a keyboard, a phone. Everything the canvas offers is here: notes
 * added, edited, moved and deleted with the canvas's operations (one undo step each); dots
 * given while a vote is open; comments, replies, support, flags and resolve; the moderation
 * queue for moderators. Every request goes to the server, which judges it as it judges the
 * canvas's; its refusals are said in the live region. Changes made by others are announced
 * politely, a few seconds' worth at a time, not per keystroke.
 */
export function OutlineView({
  session,
  author,
  publicReader = false,
  onShowCanvas,
}: {
  session: BoardSession;
  author: Author;
  /** Opened from the public address: comments ask for a name (CommentForm). */
  publicReader?: boolean;
  onShowCanvas(): void;
}) {
  const { t } = useI18n();
  const board = useStore(session.board);
  const version = useDocVersion(session);
  const role = useStore(session.status).welcome?.role ?? null;
  const editor = mayEdit(session.role);
  // What this person's own actions bring back (a refusal, "sent"), in a region of its own so
  // that others' changes do not drown it; the same words twice are heard twice (`seq`).
  // Saying '' clears it: a comment form's refusal, shown under the form, clears an earlier
  // "sent", which would otherwise stand beside it.
  const [said, setSaid] = useState({ text: '', seq: 0 });
  const say = useCallback((text: string) => setSaid((s) => ({ text, seq: s.seq + 1 })), []);
  // Read once, then gone: old news is not left standing.
  useEffect(() => {
    if (said.text === '') return;
    const timer = setTimeout(() => setSaid((s) => ({ ...s, text: '' })), 8000);
    return () => clearTimeout(timer);
  }, [said]);
  const comments = useCommentActions(session, author, publicReader, say);
  const { controls: dots } = useDotControls(session, author.name, say);
  const outline = useMemo(() => {
    void version;
    return buildOutline({
      notes: board.notes,
      clusters: board.clusters,
      roadmap: board.roadmap,
      votes: readVoteSessions(session.doc),
      threads: comments.threads,
    });
  }, [board, session.doc, version, comments.threads]);
  const announcement = useChangeAnnouncer(board.notes);
  // A removed note or a closed form never drops the focus to the page's body.
  useFocusGuard(() => document.getElementById('board-main'));
  const [draft, setDraft] = useState('');
  const byId = useMemo(() => new Map(board.notes.map((n) => [n.id, n])), [board.notes]);

  const act = (ids: readonly string[], change: () => unknown) => {
    session.act(() => {
      const created = change();
      announcement.ownChange(typeof created === 'string' ? [...ids, created] : ids);
    });
  };
  const tools: OutlineTools = { session, outline, editor, act, comments, dots, say };

  const add = () => {
    const text = draft.trim();
    if (text === '') return;
    // Free space on the canvas, off every note and topic frame, near the board's origin.
    const spot = findFreeSpot(
      [...board.notes, ...board.clusters],
      { w: NOTE_DEFAULT_SIZE, h: NOTE_DEFAULT_SIZE },
      { x: 0, y: 0 },
    );
    act([], () =>
      createNote(session.doc, { ...spot, ...authorFields(author), text, lang: board.lang }),
    );
    setDraft('');
  };

  return (
    <OutlineContext.Provider value={tools}>
      <main className="outline" id="board-main" tabIndex={-1} aria-labelledby="outline-heading">
        <div className="outline-head">
          <h2 id="outline-heading">{t('outline.heading')}</h2>
          <button type="button" data-testid="show-canvas" onClick={onShowCanvas}>
            {t('outline.showCanvas')}
          </button>
        </div>
        <p className="visually-hidden" aria-live="polite" data-testid="outline-announcement">
          {announcement.text}
        </p>
        <p className="outline-said" role="status" data-testid="outline-said">
          {said.text}
          {said.text !== '' && said.seq % 2 === 1 ? '\u00a0' : ''}
        </p>

        {editor && (
          <form
            className="outline-add"
            onSubmit={(event) => {
              event.preventDefault();
              add();
            }}
          >
            <label htmlFor="outline-new-note">{t('outline.newNote')}</label>
            <textarea
              id="outline-new-note"
              data-testid="outline-new-note"
              value={draft}
              rows={2}
              onChange={(event) => setDraft(event.target.value)}
            />
            <button type="submit" className="primary" data-testid="outline-add">
              {t('outline.add')}
            </button>
          </form>
        )}

        {role !== null && can(role, 'moderate') && (
          <OutlineModeration moderation={session.moderation} name={author.name} />
        )}
        <VotesSection notes={byId} />

        <section aria-labelledby="outline-topics">
          <h3 id="outline-topics">{t('outline.topics')}</h3>
          {outline.topics.length === 0 && <p className="muted">{t('outline.noTopics')}</p>}
          {outline.topics.map(({ cluster, notes }) => {
            const name = cluster.title || t('outline.untitledTopic');
            return (
              <section key={cluster.id} className="outline-topic" data-testid="outline-topic">
                <h4>
                  <ContentText
                    text={cluster.title}
                    lang={cluster.lang}
                    fallback={t('outline.untitledTopic')}
                  />
                </h4>
                <ItemComments
                  anchor={{ kind: 'cluster', cluster: cluster.id }}
                  item={t('outline.topicItem', { name })}
                />
                <NoteList notes={notes} empty={t('outline.noNotes')} />
              </section>
            );
          })}
        </section>

        <section aria-labelledby="outline-loose">
          <h3 id="outline-loose">{t('outline.loose')}</h3>
          <NoteList notes={outline.loose} empty={t('outline.noNotes')} />
        </section>

        <OutlineRoadmap />

        <section aria-labelledby="outline-board-comments">
          <h3 id="outline-board-comments">{t('outline.boardComments')}</h3>
          <ItemComments anchor={{ kind: 'board' }} item={t('outline.boardItem')} />
        </section>
      </main>
    </OutlineContext.Provider>
  );
}
