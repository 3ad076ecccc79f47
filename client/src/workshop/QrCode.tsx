import { create } from 'qrcode';
import { useMemo } from 'react';

/** Modules of white around the code that scanners need (the QR standard's quiet zone). */
const QUIET = 4;

/**
 * A QR code as one SVG path: sharp at any size, so the same code fills a projector screen.
 * Error correction M survives a glare spot or a dirty lens without making the code much
 * denser (a denser code is harder to read from the back of a room).
 */
export function qrPath(text: string): { size: number; d: string } {
  const { modules } = create(text, { errorCorrectionLevel: 'M' });
  const n = modules.size;
  let d = '';
  for (let row = 0; row < n; row++) {
    let col = 0;
    while (col < n) {
      if (!modules.get(row, col)) {
        col++;
        continue;
      }
      // One rectangle per horizontal run of dark modules keeps the path short.
      const start = col;
      while (col < n && modules.get(row, col)) col++;
      d += `M${start + QUIET} ${row + QUIET}h${col - start}v1h${start - col}z`;
    }
  }
  return { size: n + 2 * QUIET, d };
}

export function QrCode({
  text,
  label,
  className,
}: {
  text: string;
  label: string;
  className?: string;
}) {
  const { size, d } = useMemo(() => qrPath(text), [text]);
  return (
    <svg
      className={className}
      viewBox={`0 0 ${size} ${size}`}
      role="img"
      aria-label={label}
      shapeRendering="crispEdges"
      data-testid="qr-code"
    >
      <rect width={size} height={size} fill="#fff" />
      <path d={d} fill="#000" />
    </svg>
  );
}
