import { type ReactNode, useLayoutEffect, useRef } from 'react';

/**
 * A toolbar row that scrolls sideways when its tools do not fit (a phone), and says so: the
 * edge with more beyond it fades out (`data-more-before`, `data-more-after`, toolbar.css).
 * Without it, a row whose last visible button ended cleanly at the screen's edge looked whole,
 * and the tools after it (zoom, More with its count of comments awaiting moderation) unseen.
 */
export function ScrollRow({ children, testId }: { children: ReactNode; testId?: string }) {
  const ref = useRef<HTMLDivElement>(null);

  // After every render (the row's tools change with the selection) and on scroll and resize.
  useLayoutEffect(() => {
    const row = ref.current;
    if (row) markEdges(row);
  });
  useLayoutEffect(() => {
    const row = ref.current;
    if (!row) return;
    const update = () => markEdges(row);
    const observer = new ResizeObserver(update);
    observer.observe(row);
    row.addEventListener('scroll', update, { passive: true });
    return () => {
      observer.disconnect();
      row.removeEventListener('scroll', update);
    };
  }, []);

  return (
    <div ref={ref} className="toolbar-row" data-testid={testId}>
      {children}
    </div>
  );
}

function markEdges(row: HTMLElement): void {
  // A pixel of slack: zoomed pages scroll to fractions.
  const before = row.scrollLeft > 1;
  const after = row.scrollLeft + row.clientWidth < row.scrollWidth - 1;
  row.toggleAttribute('data-more-before', before);
  row.toggleAttribute('data-more-after', after);
}
