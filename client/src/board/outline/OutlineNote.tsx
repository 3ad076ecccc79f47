import {
  addToCluster,
  deleteNotes,
  dropNotes,
  type NoteView,
  placeOnRoadmap,
  removeFromCluster,
  removeFromRoadmap,
  setTextIn,
} from '@paja/shared';
import { useRef, useState } from 'react';
import { useI18n } from '../../i18n/I18nContext';
import { SupportButton } from '../chrome/CommentThread';
import { authorityOf, type DropTarget, decideFile, decideNote } from '../input/authority';
import { type Destination, moveSceneOf, planMoveTo, topicRights } from '../input/moveTo';
import { useReadingLang } from '../language/ReadingLang';
import { OutlineNoteBody } from '../media/OutlineNoteBody';
import { ItemComments } from './OutlineComments';
import { NoteDots } from './OutlineVotes';
import { useOutline } from './outlineContext';

/** The choice of the move menu (`cluster:<id>`, `nocluster`, `cell:<lane>:<period>`, `nocell`). */
function destinationOf(choice: string): Destination | null {
  const [kind, a, b] = choice.split(':');
  if (kind === 'cluster' && a) return { kind: 'cluster', id: a };
  if (kind === 'nocluster') return { kind: 'noCluster' };
  if (kind === 'cell' && a && b) return { kind: 'cell', cell: { lane: a, period: b } };
  if (kind === 'nocell') return { kind: 'noCell' };
  return null;
}

export function NoteList({ notes, empty }: { notes: NoteView[]; empty: string }) {
  if (notes.length === 0) return empty ? <p className="muted">{empty}</p> : null;
  return (
    <ul className="outline-notes">
      {notes.map((note) => (
        <OutlineNote key={note.id} note={note} />
      ))}
    </ul>
  );
}

/**
 * One note of the outline: its text and author; for editors edit, move (a menu of topics and
 * cells, not coordinates) and delete; while a vote is open its dots; its support and comments.
 * Every change is one of shared's operations, the same the canvas runs.
 */
function OutlineNote({ note }: { note: NoteView }) {
  const { t } = useI18n();
  const { editor, act, session, outline, comments } = useOutline();
  const [editing, setEditing] = useState<string | null>(null);
  const [target, setTarget] = useState('');
  const editButton = useRef<HTMLButtonElement>(null);
  const item = useRef<HTMLLIElement>(null);
  const { doc } = session;
  // The permission table, as the canvas and the server's edit guard read it: phase settings,
  // whose note it is, locks. What the rules refuse is not offered here.
  const authority = authorityOf(session);
  const allowed = (action: 'editNote' | 'deleteNote') =>
    editor && decideNote(authority, action, note).allowed;
  const from = { cluster: note.cluster ?? null, cell: note.cell ?? null };
  const fileable = (to: DropTarget) => editor && decideFile(authority, note, from, to).allowed;
  const mayEditText = allowed('editNote');
  const mayDelete = allowed('deleteNote');
  const topics = outline.topics.filter(({ cluster }) =>
    fileable({ kind: 'cluster', id: cluster.id }),
  );
  const cells = outline.roadmap.lanes.flatMap((lane) =>
    outline.roadmap.periods
      .filter((period) => fileable({ kind: 'cell', cell: { lane: lane.id, period: period.id } }))
      .map((period) => ({ lane, period })),
  );
  const mayLeave = fileable({ kind: 'none' });
  const mayMove =
    topics.length + cells.length > 0 || (Boolean(note.cluster || note.cell) && mayLeave);
  const mayChange = mayEditText || mayDelete || mayMove;
  const label = note.text || t('outline.emptyNote');
  // Edited in the reading language: an untranslated note starts a translation, from empty.
  const readingLang = useReadingLang();
  const written = note.lang === readingLang ? note.text : '';

  const stopEditing = () => {
    setEditing(null);
    requestAnimationFrame(() => editButton.current?.focus());
  };
  const save = () => {
    if (editing !== null && editing !== written) {
      act([note.id], () => setTextIn(doc, 'note', note.id, readingLang, editing));
    }
    stopEditing();
  };

  // The note's own buttons go with it: focus moves to the next note, or the one before, or
  // the outline itself, never to the page's body.
  const remove = () => {
    const li = item.current;
    const neighbour = (li?.nextElementSibling ?? li?.previousElementSibling) as HTMLElement | null;
    const main = li?.closest<HTMLElement>('main');
    act([note.id], () => deleteNotes(doc, [note.id]));
    requestAnimationFrame(() => {
      const next = neighbour?.isConnected ? neighbour.querySelector<HTMLElement>('button') : null;
      (next ?? main)?.focus();
    });
  };

  const move = () => {
    const to = destinationOf(target);
    setTarget('');
    if (!to) return;
    // Where the canvas's Move to… puts it: inside the topic's frame (grown, and the frames
    // under it moved down, where this person may change topics), beside what it leaves; one change. Someone who may file the note
    // but not move it (another's note, the phase's setting) files it where it is.
    const scene = moveSceneOf(session.board.get());
    const placed = scene.placed.find((n) => n.id === note.id) ?? note;
    if (decideNote(authority, 'moveNote', placed).allowed) {
      const planned = planMoveTo(scene, [placed], to, topicRights(authority));
      if (planned) act([note.id], () => dropNotes(doc, planned.plan));
      return;
    }
    act([note.id], () => {
      if (to.kind === 'cluster') addToCluster(doc, to.id, [note.id]);
      if (to.kind === 'noCluster') removeFromCluster(doc, [note.id]);
      if (to.kind === 'cell') placeOnRoadmap(doc, [note.id], to.cell);
      if (to.kind === 'noCell') removeFromRoadmap(doc, [note.id]);
    });
  };

  return (
    <li ref={item} className="outline-note" data-testid="outline-note" data-note-id={note.id}>
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
              if (event.key === 'Escape') stopEditing();
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
          {mayEditText &&
            (editing === null ? (
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
            ))}
          {mayMove && (
            <>
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
                  {topics.map(({ cluster }) => (
                    <option key={cluster.id} value={`cluster:${cluster.id}`}>
                      {t('outline.topicOption', {
                        name: cluster.title || t('outline.untitledTopic'),
                      })}
                    </option>
                  ))}
                  {note.cluster && mayLeave && (
                    <option value="nocluster">{t('outline.outOfTopic')}</option>
                  )}
                  {cells.map(({ lane, period }) => (
                    <option key={`${lane.id}/${period.id}`} value={`cell:${lane.id}:${period.id}`}>
                      {t('outline.cellOption', { lane: lane.title, period: period.title })}
                    </option>
                  ))}
                  {note.cell && mayLeave && (
                    <option value="nocell">{t('outline.offRoadmap')}</option>
                  )}
                </select>
              </label>
              <button
                type="button"
                data-testid="outline-move"
                onClick={move}
                disabled={target === ''}
              >
                {t('outline.move')}
              </button>
            </>
          )}
          {mayDelete && (
            <button type="button" className="danger" data-testid="outline-delete" onClick={remove}>
              {t('outline.delete')}
              <span className="visually-hidden">: {note.text}</span>
            </button>
          )}
        </div>
      )}
      {editing !== null && <p className="visually-hidden">{t('outline.editHint')}</p>}
      <NoteDots note={note} />
      {comments.mayComment && (
        <div className="outline-note-support">
          <SupportButton
            target={{ kind: 'note', id: note.id }}
            actions={comments.actions}
            label={t('outline.supportNote')}
          />
        </div>
      )}
      <ItemComments
        anchor={{ kind: 'note', note: note.id }}
        item={t('outline.noteItem', { text: label })}
      />
    </li>
  );
}
