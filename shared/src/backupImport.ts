/**
 * Importing a board's JSON backup (the `json` export) from a page: the limit both ends check
 * (the page before it sends, the server whatever it is sent) and the reasons the server gives
 * for a refusal, which the page says in its person's language.
 */
export const BACKUP_MAX_BYTES = 32 * 1024 * 1024;

export const BACKUP_PROBLEMS = [
  'tooBig',
  'notJson',
  'notBackup',
  'version',
  'noState',
  'empty',
  'unreadable',
  'notEmpty',
] as const;

export type BackupProblem = (typeof BACKUP_PROBLEMS)[number];

export function isBackupProblem(value: unknown): value is BackupProblem {
  return typeof value === 'string' && (BACKUP_PROBLEMS as readonly string[]).includes(value);
}
