import { parentPort, workerData } from 'node:worker_threads';
import { type BoardCapture, type ExportFormat, renderExport } from './exportBoard';

/**
 * One export, rendered off the server's main thread: resvg's rasterising and PDFKit's layout
 * are synchronous CPU work of seconds on a big board, which would stall every board's sync.
 * Gets the captured board and the format; posts progress, then the file or the error.
 */
export type WorkerMessage =
  | { kind: 'progress'; progress: number }
  | { kind: 'done'; bytes: Uint8Array; mime: string; filename: string }
  | { kind: 'failed'; error: string };

const { capture, format } = workerData as { capture: BoardCapture; format: ExportFormat };
const post = (message: WorkerMessage, transfer: ArrayBuffer[] = []) =>
  parentPort?.postMessage(message, transfer);

try {
  const file = await renderExport(capture, format, (progress) =>
    post({ kind: 'progress', progress }),
  );
  const bytes = new Uint8Array(file.bytes);
  post({ kind: 'done', bytes, mime: file.mime, filename: file.filename }, [bytes.buffer]);
} catch (error) {
  post({ kind: 'failed', error: error instanceof Error ? error.message : String(error) });
}
