import { randomBytes } from 'node:crypto';
import type * as Y from 'yjs';
import { type BoardCapture, captureBoard, type ExportFile, type ExportFormat } from './exportBoard';
import { renderInWorker } from './renderInWorker';

/** How a job's file is rendered: in a worker thread on the server, in-process in tests. */
export type Renderer = (
  capture: BoardCapture,
  format: ExportFormat,
  progress: (fraction: number) => void,
) => Promise<ExportFile>;

/**
 * Exports run as jobs, so that a big board's PDF does not hold an HTTP request open for its
 * whole run and the page can show progress. Lives as long as the server.
 *
 * Jobs run one at a time, each in a worker thread (a 10,000-note PNG is over ten seconds of
 * synchronous CPU work that must not stall the boards' live traffic; two at once would only
 * share the cores with it), the rest wait in order. A finished file is kept for
 * KEEP_MS for its download, then dropped. A job id is 128 random bits, and reading a job
 * also needs a valid link to its board (the HTTP layer checks), so one board's people never
 * reach another board's exports.
 */
export type JobStatus = 'queued' | 'running' | 'done' | 'failed';

export interface ExportJob {
  id: string;
  board: string;
  format: ExportFormat;
  status: JobStatus;
  /** 0..1. */
  progress: number;
  file: ExportFile | null;
  error: string | null;
  finishedAt: number | null;
}

export const MAX_JOBS = 20;
export const MAX_JOBS_PER_BOARD = 4;
const KEEP_MS = 10 * 60_000;

export class TooManyJobsError extends Error {
  override name = 'TooManyJobsError';
}

export class ExportJobs {
  readonly #jobs = new Map<string, ExportJob>();
  readonly #queue: Array<() => Promise<void>> = [];
  #running = false;
  readonly #now: () => number;
  readonly #render: Renderer;

  constructor(options: { render?: Renderer; now?: () => number } = {}) {
    this.#render = options.render ?? renderInWorker;
    this.#now = options.now ?? Date.now;
  }

  /**
   * Starts an export of `doc` (read at once, so later edits do not mix in). Throws
   * TooManyJobsError past the limits.
   */
  start(
    board: string,
    doc: Y.Doc,
    format: ExportFormat,
    options: Parameters<typeof captureBoard>[1] = {},
  ): ExportJob {
    this.#dropOld();
    const unfinished = [...this.#jobs.values()].filter((j) => j.finishedAt === null);
    if (unfinished.length >= MAX_JOBS) throw new TooManyJobsError('the server is busy exporting');
    if (unfinished.filter((j) => j.board === board).length >= MAX_JOBS_PER_BOARD) {
      throw new TooManyJobsError('this board has too many exports running');
    }
    const job: ExportJob = {
      id: randomBytes(16).toString('base64url'),
      board,
      format,
      status: 'queued',
      progress: 0,
      file: null,
      error: null,
      finishedAt: null,
    };
    this.#jobs.set(job.id, job);
    // The board as it is now: what is exported is the board as it was when asked for.
    const capture = captureBoard(doc, options);
    this.#queue.push(async () => {
      job.status = 'running';
      try {
        job.file = await this.#render(capture, format, (p) => {
          job.progress = Math.max(job.progress, Math.min(0.99, p));
        });
        job.status = 'done';
        job.progress = 1;
      } catch (error) {
        job.status = 'failed';
        job.error = error instanceof Error ? error.message : String(error);
      }
      job.finishedAt = this.#now();
    });
    void this.#drain();
    return job;
  }

  get(board: string, id: string): ExportJob | null {
    const job = this.#jobs.get(id);
    return job && job.board === board ? job : null;
  }

  /** Waits for every queued job (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.#running || this.#queue.length > 0) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }

  async #drain(): Promise<void> {
    if (this.#running) return;
    this.#running = true;
    try {
      for (let next = this.#queue.shift(); next; next = this.#queue.shift()) await next();
    } finally {
      this.#running = false;
    }
  }

  #dropOld(): void {
    const now = this.#now();
    for (const [id, job] of this.#jobs) {
      if (job.finishedAt !== null && now - job.finishedAt > KEEP_MS) this.#jobs.delete(id);
    }
  }
}
