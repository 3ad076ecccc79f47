import { Worker } from 'node:worker_threads';
import type { BoardCapture, ExportFile, ExportFormat } from './exportBoard';
import type { WorkerMessage } from './exportWorker';

/** Renders one export in a worker thread of its own (see exportWorker.ts). */
export function renderInWorker(
  capture: BoardCapture,
  format: ExportFormat,
  progress: (fraction: number) => void,
): Promise<ExportFile> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./exportWorkerEntry.mjs', import.meta.url), {
      workerData: { capture, format },
    });
    let settled = false;
    worker.on('message', (message: WorkerMessage) => {
      if (message.kind === 'progress') progress(message.progress);
      else if (message.kind === 'done') {
        settled = true;
        const { bytes, mime, filename } = message;
        resolve({
          bytes: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length),
          mime,
          filename,
        });
      } else {
        settled = true;
        reject(new Error(message.error));
      }
    });
    worker.on('error', (error) => {
      settled = true;
      reject(error);
    });
    worker.on('exit', (code) => {
      if (!settled) reject(new Error(`the export worker stopped (exit code ${code})`));
    });
  });
}
