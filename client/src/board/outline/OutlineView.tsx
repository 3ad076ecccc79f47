import {
  type Author,
  addToCluster,
  authorFields,
  type CommentView,
  createNote,
  deleteNotes,
  findFreeSpot,
  NOTE_DEFAULT_SIZE,
  type NoteView,
  placeOnRoadmap,
  readComments,
  readVoteSessions,
  removeFromCluster,
  removeFromRoadmap,
  setTextIn,
} from '@paja/shared';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useI18n } from '../../i18n/I18nContext';
import { mayEdit } from '../input/commands';
import { ContentText, useReadingLang } from '../language/ReadingLang';
import { OutlineNoteBody } from '../media/OutlineNoteBody';
import type { BoardSession } from '../session/BoardSession';
import { useStore } from '../session/store';
import { buildOutline, cellKey, noteChanges } from './outlineModel';
import './outline.css';

/** Re-reads with every transaction on the document (votes and comments are not in the store). */
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
 * table, for a screen reader, a keyboard, a phone. Changes made here are the same operations
 * the canvas makes (one undo step each); changes made by others are announced politely, a few
 * seconds' worth at a time, not per keystroke.
 */
export function OutlineView({
  session,
  author,
  onShowCanvas,
}: {
  session: BoardSession;
  author: Author;
  onShowCanvas(): void;
}) {
  const { t } = useI18n();
  const board = useStore(session.board);
  const version = useDocVersion(session);
  const editor = mayEdit(session.role);
  const outline = useMemo(() => {
    void version;
    return buildOutline({
      notes: board.notes,
      clusters: board.clusters,
      roadmap: board.roadmap,
      votes: readVoteSessions(session.doc),
      comments: readComments(session.doc),
    });
  }, [board, session.doc, version]);
  const announcement = useChangeAnnouncer(board.notes);
  const [draft, setDraft] = useState('');
  const byId = useMemo(() => new Map(board.notes.map((n) => [n.id, n])), [board.notes]);

  const act = (ids: readonly string[], change: () => unknown) => {
    session.act(() => {
      const created = change();
      announcement.ownChange(typeof created === 'string' ? [...ids, created] : ids);
    });
  };

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

  const noteProps = { editor, act, session, outline, t };
  return (
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

      <section aria-labelledby="outline-topics">
        <h3 id="outline-topics">{t('outline.topics')}</h3>
        {outline.topics.length === 0 && <p className="muted">{t('outline.noTopics')}</p>}
        {outline.topics.map(({ cluster, notes }) => (
          <section key={cluster.id} className="outline-topic" data-testid="outline-topic">
            <h4>
              <ContentText
                text={cluster.title}
                lang={cluster.lang}
                fallback={t('outline.untitledTopic')}
              />
            </h4>
            <Comments list={outline.comments.get(`cluster:${cluster.id}`)} />
            <NoteList notes={notes} empty={t('outline.noNotes')} {...noteProps} />
          </section>
        ))}
      </section>

      <section aria-labelledby="outline-loose">
        <h3 id="outline-loose">{t('outline.loose')}</h3>
        <NoteList notes={outline.loose} empty={t('outline.noNotes')} {...noteProps} />
      </section>

      {outline.roadmap.lanes.length > 0 && outline.roadmap.periods.length > 0 && (
        <section aria-labelledby="outline-roadmap">
          <h3 id="outline-roadmap">{t('outline.roadmap')}</h3>
          <div className="outline-table-wrap">
            <table data-testid="outline-roadmap">
              <caption className="visually-hidden">{t('outline.roadmapCaption')}</caption>
              <thead>
                <tr>
                  <td />
                  {outline.roadmap.periods.map((period) => (
                    <th key={period.id} scope="col">
                      <ContentText text={period.title} lang={period.lang} />
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {outline.roadmap.lanes.map((lane) => (
                  <tr key={lane.id}>
                    <th scope="row">
                      <ContentText text={lane.title} lang={lane.lang} />
                    </th>
                    {outline.roadmap.periods.map((period) => {
                      const key = cellKey({ lane: lane.id, period: period.id });
                      return (
                        <td key={period.id}>
                          <NoteList notes={outline.cells.get(key) ?? []} empty="" {...noteProps} />
                          <Comments list={outline.comments.get(`cell:${key}`)} />
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}

      {outline.votes.length > 0 && (
        <section aria-labelledby="outline-votes">
          <h3 id="outline-votes">{t('outline.votes')}</h3>
          {outline.votes.map((vote) => (
            <section key={vote.id} data-testid="outline-vote">
              <h4>{vote.title || t('outline.untitledVote')}</h4>
              {vote.results === null ? (
                <p>{t('outline.voteOpen')}</p>
              ) : (
                <ol>
                  {vote.results.map((result) => (
                    <li key={result.note}>
                      {byId.get(result.note)?.text || t('outline.emptyNote')}
                      {' – '}
                      {t('outline.dots', { count: result.count })}
                    </li>
                  ))}
                </ol>
              )}
            </section>
          ))}
        </section>
      )}
      <Comments list={outline.comments.get('board')} />
    </main>
  );
}

type Translate = ReturnType<typeof useI18n>['t'];

interface NoteProps {
  editor: boolean;
  act(ids: readonly string[], change: () => unknown): void;
  session: BoardSession;
  outline: ReturnType<typeof buildOutline>;
  t: Translate;
}

function NoteList({ notes, empty, ...props }: NoteProps & { notes: NoteView[]; empty: string }) {
  if (notes.length === 0) return empty ? <p className="muted">{empty}</p> : null;
  return (
    <ul className="outline-notes">
      {notes.map((note) => (
        <OutlineNote key={note.id} note={note} {...props} />
      ))}
    </ul>
  );
}

function OutlineNote({ note, editor, act, session, outline, t }: NoteProps & { note: NoteView }) {
  const [editing, setEditing] = useState<string | null>(null);
  const [target, setTarget] = useState('');
  const editButton = useRef<HTMLButtonElement>(null);
  const mayChange = editor && !note.locked;
  const { doc } = session;
  // Edited in the reading language: an untranslated note starts a translation, from empty.
  const readingLang = useReadingLang();
  const written = note.lang === readingLang ? note.text : '';

  const save = () => {
    if (editing !== null && editing !== written) {
      act([note.id], () => setTextIn(doc, 'note', note.id, readingLang, editing));
    }
    setEditing(null);
    requestAnimationFrame(() => editButton.current?.focus());
  };

  const move = () => {
    if (target === '') return;
    const [kind, a, b] = target.split(':');
    act([note.id], () => {
      if (kind === 'cluster' && a) addToCluster(doc, a, [note.id]);
      if (kind === 'nocluster') removeFromCluster(doc, [note.id]);
      if (kind === 'cell' && a && b) placeOnRoadmap(doc, [note.id], { lane: a, period: b });
      if (kind === 'nocell') removeFromRoadmap(doc, [note.id]);
    });
    setTarget('');
  };

  return (
    <li className="outline-note" data-testid="outline-note" data-note-id={note.id}>
      {editing === null ? (
        <OutlineNoteBody note={note} />
      ) : (
        <>
          <label className="visually-hidden" htmlFor={`edit-${note.id}`}>
            {t('outline.editLabel')}
          </label>
          <textarea
            id={`edit-${note.id}`}
            data-testid="outline-edit-text"
            lang={readingLang}
            placeholder={written === '' ? note.text : undefined}
            value={editing}
            rows={3}
            // biome-ignore lint/a11y/noAutofocus: the person just asked to edit this note
            autoFocus
            onChange={(event) => setEditing(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === 'Escape') {
                setEditing(null);
                requestAnimationFrame(() => editButton.current?.focus());
              }
            }}
          />
        </>
      )}
      <p className="outline-note-meta">
        {note.authorName}
        {note.locked && ` · ${t('outline.locked')}`}
      </p>
      {mayChange && (
        <div className="outline-note-actions">
          {editing === null ? (
            <button
              type="button"
              ref={editButton}
              data-testid="outline-edit"
              onClick={() => setEditing(written)}
            >
              {t('outline.edit')}
              <span className="visually-hidden">: {note.text}</span>
            </button>
          ) : (
            <button type="button" className="primary" data-testid="outline-save" onClick={save}>
              {t('outline.save')}
            </button>
          )}
          <label className="outline-move">
            <span className="visually-hidden">
              {t('outline.moveLabel')}: {note.text}
            </span>
            <select
              data-testid="outline-move-target"
              value={target}
              onChange={(event) => setTarget(event.target.value)}
            >
              <option value="">{t('outline.moveTo')}</option>
              {outline.topics.map(({ cluster }) => (
                <option key={cluster.id} value={`cluster:${cluster.id}`}>
                  {t('outline.topicOption', { name: cluster.title || t('outline.untitledTopic') })}
                </option>
              ))}
              {note.cluster && <option value="nocluster">{t('outline.outOfTopic')}</option>}
              {outline.roadmap.lanes.flatMap((lane) =>
                outline.roadmap.periods.map((period) => (
                  <option key={`${lane.id}/${period.id}`} value={`cell:${lane.id}:${period.id}`}>
                    {t('outline.cellOption', { lane: lane.title, period: period.title })}
                  </option>
                )),
              )}
              {note.cell && <option value="nocell">{t('outline.offRoadmap')}</option>}
            </select>
          </label>
          <button type="button" data-testid="outline-move" onClick={move} disabled={target === ''}>
            {t('outline.move')}
          </button>
          <button
            type="button"
            className="danger"
            data-testid="outline-delete"
            onClick={() => act([note.id], () => deleteNotes(doc, [note.id]))}
          >
            {t('outline.delete')}
            <span className="visually-hidden">: {note.text}</span>
          </button>
        </div>
      )}
      {editing !== null && <p className="visually-hidden">{t('outline.editHint')}</p>}
      <Comments list={outline.comments.get(`note:${note.id}`)} />
    </li>
  );
}

function Comments({ list }: { list: CommentView[] | undefined }) {
  const { t } = useI18n();
  if (!list || list.length === 0) return null;
  return (
    <section className="outline-comments" aria-label={t('outline.comments')}>
      <ul>
        {list.map((comment) => (
          <li key={comment.id} data-testid="outline-comment">
            <span className="outline-comment-author">{comment.authorName}:</span> {comment.text}
          </li>
        ))}
      </ul>
    </section>
  );
}

/**
 * Announces what others changed, gathered over a few seconds ("2 notes added, 1 edited"), and
 * keeps quiet about this person's own changes (they know, and a screen reader would interrupt):
 * the notes an action touched are left out of the next reading, which that action causes.
 */
function useChangeAnnouncer(notes: NoteView[]) {
  const { t } = useI18n();
  const [text, setText] = useState('');
  const seen = useRef<Map<string, string> | null>(null);
  const pending = useRef({ added: 0, removed: 0, edited: 0 });
  // Notes this person just changed: their next change is theirs, not news.
  const own = useRef(new Set<string>());
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  useEffect(() => {
    const now = new Map(
      notes.map((n) => [n.id, `${n.text}|${n.cluster ?? ''}|${n.cell ? cellKey(n.cell) : ''}`]),
    );
    const before = seen.current;
    seen.current = now;
    const mine = own.current;
    own.current = new Set();
    if (before === null) return;
    const change = noteChanges(before, now, mine);
    if (change.added + change.removed + change.edited === 0) return;
    pending.current.added += change.added;
    pending.current.removed += change.removed;
    pending.current.edited += change.edited;
    if (timer.current) return;
    timer.current = setTimeout(() => {
      timer.current = null;
      const { added, removed, edited } = pending.current;
      pending.current = { added: 0, removed: 0, edited: 0 };
      const parts = [
        added > 0 ? t('outline.announceAdded', { count: added }) : '',
        edited > 0 ? t('outline.announceEdited', { count: edited }) : '',
        removed > 0 ? t('outline.announceRemoved', { count: removed }) : '',
      ].filter(Boolean);
      setText(parts.join(', '));
    }, 2000);
  }, [notes, t]);

  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );
  return {
    text,
    ownChange: (ids: readonly string[]) => {
      for (const id of ids) own.current.add(id);
    },
  };
}
