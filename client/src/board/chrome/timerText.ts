/**
 * What the countdown shows: whole seconds, rounded up, so "0:00" appears exactly when the
 * time is up and every screen that agrees on the server's clock shows the same digits.
 */
export function formatClock(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = String(total % 60).padStart(2, '0');
  return hours > 0
    ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}`
    : `${minutes}:${seconds}`;
}

/** The minutes a person typed for a custom timer, or null if it is not 1 to 480 whole ones. */
export function parseMinutes(text: string): number | null {
  const trimmed = text.trim();
  if (!/^\d{1,3}$/.test(trimmed)) return null;
  const minutes = Number(trimmed);
  return minutes >= 1 && minutes <= 480 ? minutes : null;
}

/** The lengths offered with one click, in minutes. */
export const TIMER_PRESETS = [1, 3, 5, 10, 15, 20] as const;
