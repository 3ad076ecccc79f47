/**
 * localStorage keys the client uses. Access goes through these helpers because storage can
 * throw (private browsing, blocked cookies, full quota); Paja must still work without it,
 * only forgetting the choices between visits.
 */
export const StorageKey = {
  name: 'paja.name',
  participantId: 'paja.participantId',
  locale: 'paja.locale',
  /** The language a person reads boards' content in (fi, sv, en), when chosen. */
  contentLang: 'paja.contentLang',
  organisation: 'paja.organisation',
  /** "1" when this person wants a sound when the timer ends (off by default). */
  timerSound: 'paja.timerSound',
} as const;
export type StorageKey = (typeof StorageKey)[keyof typeof StorageKey];

export function readStored(key: StorageKey): string | null {
  try {
    return window.localStorage.getItem(key);
  } catch {
    return null;
  }
}

export function writeStored(key: StorageKey, value: string): void {
  try {
    window.localStorage.setItem(key, value);
  } catch {
    // Not remembered across visits; the current page keeps working.
  }
}
