import { readNotes } from '@paja/shared';
import { useEffect, useState } from 'react';
import * as Y from 'yjs';
import { useI18n } from '../i18n/I18nContext';
import { downloadFile, toBase64 } from './download';
import { forgetLocalBoard } from './localBoards';
import { clearLocalCopy, openLocalCopy } from './localCopy';
import { UnsavedLog } from './unsavedLog';

/**
 * Shown under the error of a board the server refused (does not exist, or this link does not
 * open it). The local copy is never used to show such a board again: its record is forgotten at
 * once. If the copy holds changes the server never confirmed, the person may download the board
 * as this browser knows it (JSON: the notes, plus the Yjs state for an operator to restore) or
 * delete it; if it holds none, it is deleted without asking, since the server had everything.
 */
export function LocalCopyRescue({ boardId }: { boardId: string }) {
  const { t } = useI18n();
  const [state, setState] = useState<'checking' | 'unsaved' | 'gone'>('checking');

  useEffect(() => {
    forgetLocalBoard(boardId);
    let cancelled = false;
    unsavedCount(boardId).then((count) => {
      if (cancelled) return;
      if (count > 0) {
        setState('unsaved');
      } else {
        setState('gone');
        void clearLocalCopy(boardId);
      }
    });
    return () => {
      cancelled = true;
    };
  }, [boardId]);

  if (state !== 'unsaved') return null;
  return (
    <div className="local-rescue" data-testid="local-rescue">
      <p>{t('offline.rescue.text')}</p>
      <div className="dialog-actions">
        <button type="button" onClick={() => void exportLocalCopy(boardId)}>
          {t('offline.rescue.download')}
        </button>
        <button
          type="button"
          onClick={() => {
            setState('gone');
            void clearLocalCopy(boardId);
          }}
        >
          {t('offline.rescue.delete')}
        </button>
      </div>
    </div>
  );
}

async function unsavedCount(boardId: string): Promise<number> {
  try {
    const log = await UnsavedLog.open(boardId);
    try {
      return await log.count();
    } finally {
      log.close();
    }
  } catch {
    return 0;
  }
}

async function exportLocalCopy(boardId: string): Promise<void> {
  const doc = new Y.Doc();
  const { persistence } = await openLocalCopy(boardId, doc);
  try {
    const log = await UnsavedLog.open(boardId);
    try {
      const update = await log.peek();
      if (update) Y.applyUpdate(doc, update);
    } finally {
      log.close();
    }
  } catch {
    // The copy alone is still worth having.
  }
  const content = JSON.stringify(
    {
      format: 'paja-local-copy',
      version: 1,
      boardId,
      exportedAt: new Date().toISOString(),
      notes: readNotes(doc),
      yjsState: toBase64(Y.encodeStateAsUpdate(doc)),
    },
    null,
    2,
  );
  await persistence?.destroy();
  doc.destroy();
  downloadFile(`paja-${boardId}.json`, 'application/json', content);
}
