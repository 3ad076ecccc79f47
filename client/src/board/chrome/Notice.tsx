import { useEffect } from 'react';

export interface NoticeMessage {
  text: string;
  tone: 'info' | 'error';
}

/** A short message over the canvas (a refused paste, a search without matches). */
export function Notice({ notice, onDone }: { notice: NoticeMessage; onDone(): void }) {
  useEffect(() => {
    const timer = setTimeout(onDone, notice.tone === 'error' ? 8000 : 4000);
    return () => clearTimeout(timer);
  }, [notice, onDone]);
  return (
    <div
      className={`board-notice ${notice.tone}`}
      role={notice.tone === 'error' ? 'alert' : 'status'}
      data-testid="board-notice"
    >
      {notice.text}
    </div>
  );
}
