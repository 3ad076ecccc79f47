import type { AuditEntry } from '@paja/shared';
import { downloadBlob } from '../offline/download';

/** The files moderators and facilitators may export (server: http/moderationApi.ts). */
export type ExportFile = 'comments.csv' | 'comments.json' | 'audit.csv';

function exportPath(boardId: string, file: string): string {
  return `/api/boards/${encodeURIComponent(boardId)}/moderation/${file}`;
}

/**
 * Downloads an export: fetched with the link's token (it never goes into a URL), then saved
 * under the name the server gave. False if the server or the network refused.
 */
export async function downloadExport(
  boardId: string,
  token: string,
  file: ExportFile,
): Promise<boolean> {
  let response: Response;
  try {
    response = await fetch(exportPath(boardId, file), {
      headers: { authorization: `Bearer ${token}` },
    });
  } catch {
    return false;
  }
  if (!response.ok) return false;
  const blob = await response.blob();
  const disposition = response.headers.get('content-disposition') ?? '';
  const name = /filename="([^"]+)"/.exec(disposition)?.[1] ?? `paja-${file}`;
  downloadBlob(name, blob);
  return true;
}

/** The board's moderation audit log, oldest first; null if it could not be read. */
export async function readAuditLog(boardId: string, token: string): Promise<AuditEntry[] | null> {
  try {
    const response = await fetch(exportPath(boardId, 'audit.json'), {
      headers: { authorization: `Bearer ${token}` },
    });
    if (!response.ok) return null;
    const body = (await response.json()) as { audit?: unknown };
    return Array.isArray(body.audit) ? (body.audit as AuditEntry[]) : null;
  } catch {
    return null;
  }
}
