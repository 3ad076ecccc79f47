import { lazy, Suspense, useEffect, useState } from 'react';
import { LandingPage } from './landing/LandingPage';
import { StatementPage } from './landing/StatementPage';
import { onNavigate, parseRoute } from './routes';

// The board (Konva, Yjs, the sync provider) is most of the code; the front page, opened from
// a QR code on a phone, should not wait for it.
const BoardPage = lazy(() => import('./board/BoardPage').then((m) => ({ default: m.BoardPage })));
const PublicPage = lazy(() =>
  import('./board/PublicPage').then((m) => ({ default: m.PublicPage })),
);

export function App() {
  const [route, setRoute] = useState(() => parseRoute(window.location.pathname));
  useEffect(() => onNavigate(() => setRoute(parseRoute(window.location.pathname))), []);
  switch (route.kind) {
    case 'landing':
      return <LandingPage />;
    case 'accessibility':
      return <StatementPage />;
    case 'board':
      return (
        <Suspense fallback={null}>
          {/* Keyed by id: another board is a fresh page, not an update of this one. */}
          <BoardPage key={route.boardId} boardId={route.boardId} />
        </Suspense>
      );
    case 'public':
      return (
        <Suspense fallback={null}>
          <PublicPage key={route.boardId} boardId={route.boardId} />
        </Suspense>
      );
  }
}
