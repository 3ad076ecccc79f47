import type { BackupProblem } from '@paja/shared';

/** A backup refused on import, with the reason the page says in its person's language. */
export class BackupError extends Error {
  override name = 'BackupError';
  constructor(
    readonly problem: BackupProblem,
    message: string,
  ) {
    super(message);
  }
}
