/**
 * Importing a board's JSON backup (the `json` export) from a page: the limit both ends check
 * (the page before it sends, the server whatever it is sent) and the reasons the server gives
 * for a refusal, which the page says in its person's language.
 */
/**
 * Room for a board at the default size limit (64 MiB of document and files, which base64
 * makes about 85 MiB) with its readable copy; the server also holds the files to the board's
 * own limit (PAJA_MAX_BOARD_BYTES).
 */
export const BACKUP_MAX_BYTES = 128 * 1024 * 1024;

export const BACKUP_PROBLEMS = [
  'tooBig',
  'notJson',
  'notBackup',
  'version',
  'noState',
  'empty',
  'unreadable',
  'notEmpty',
  // A file in the backup: not what its type says, larger than an upload may be, more than the
  // board has room for, named by nothing on the board, or cut short.
  'fileType',
  'fileTooBig',
  'boardFull',
  'fileUnnamed',
  'fileBroken',
] as const;

export type BackupProblem = (typeof BACKUP_PROBLEMS)[number];

export function isBackupProblem(value: unknown): value is BackupProblem {
  return typeof value === 'string' && (BACKUP_PROBLEMS as readonly string[]).includes(value);
}
