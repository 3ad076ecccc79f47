import { type BackupProblem, isBackupProblem } from '@paja/shared';

/**
 * Importing a board's JSON backup (PROTOCOL.md, "Import"): as a new board (POST
 * /api/boards/import, like creating one) or onto this board while it is empty (facilitators).
 * A refusal comes back as a reason the page says in its person's language.
 */
export type ImportProblem = BackupProblem | 'forbidden' | 'throttled' | 'failed' | 'network';

export type ImportAnswer =
  | { ok: true; id: string | null; token: string | null }
  | { ok: false; problem: ImportProblem };

export async function importBackup(
  file: Blob,
  target: { onto: string; token: string; by: string } | null,
): Promise<ImportAnswer> {
  const url = target
    ? `/api/boards/${encodeURIComponent(target.onto)}/import?by=${encodeURIComponent(target.by)}`
    : '/api/boards/import';
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(target ? { authorization: `Bearer ${target.token}` } : {}),
      },
      body: file,
    });
  } catch {
    return { ok: false, problem: 'network' };
  }
  const body = (await response.json().catch(() => null)) as Record<string, unknown> | null;
  if (response.ok) {
    return {
      ok: true,
      id: typeof body?.id === 'string' ? body.id : null,
      token: typeof body?.token === 'string' ? body.token : null,
    };
  }
  if (isBackupProblem(body?.problem)) return { ok: false, problem: body.problem };
  if (response.status === 401 || response.status === 403)
    return { ok: false, problem: 'forbidden' };
  if (response.status === 429) return { ok: false, problem: 'throttled' };
  return { ok: false, problem: 'failed' };
}
