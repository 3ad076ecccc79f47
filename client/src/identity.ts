import { newId } from '@paja/shared';
import { readStored, StorageKey, writeStored } from './storage';

/** Names are shown on cursors and notes; a cap keeps one person from covering the board. */
export const NAME_MAX = 40;

export function cleanName(input: string): string {
  return input.replace(/\s+/g, ' ').trim().slice(0, NAME_MAX);
}

export function storedName(): string | null {
  const name = readStored(StorageKey.name);
  const cleaned = name === null ? '' : cleanName(name);
  return cleaned === '' ? null : cleaned;
}

export function rememberName(name: string): void {
  writeStored(StorageKey.name, cleanName(name));
}

/**
 * A stable, anonymous participant id: there are no accounts, but notes record their author and
 * a participant keeps their identity (and cursor colour) across visits in this browser.
 */
export function participantId(): string {
  const existing = readStored(StorageKey.participantId);
  if (existing && /^[0-9A-Za-z]{8,64}$/.test(existing)) return existing;
  const id = newId();
  writeStored(StorageKey.participantId, id);
  return id;
}
