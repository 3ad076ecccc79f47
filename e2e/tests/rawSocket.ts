import type { Page } from 'playwright-core';

/** A WebSocket opened inside a page, as any reader's browser opens one, held by the test. */
export interface RawSocket {
  /** Every frame the server sent, byte for byte, in order. */
  frames(): Promise<number[][]>;
  send(bytes: Uint8Array): Promise<void>;
  close(): Promise<void>;
}

/**
 * Opens `url` from inside `page`, sends the sync handshake's first step and keeps every byte
 * the server sends. Tests of secrets read these bytes: what another person's socket received,
 * not what the app chose to show.
 */
export async function openRawSocket(page: Page, url: string): Promise<RawSocket> {
  const id = `s${Math.random().toString(36).slice(2)}`;
  type Held = { ws: WebSocket; frames: number[][] };
  await page.evaluate(
    ({ id, url }) =>
      new Promise<void>((resolve, reject) => {
        const ws = new WebSocket(url);
        ws.binaryType = 'arraybuffer';
        const frames: number[][] = [];
        ws.onopen = () => {
          ws.send(new Uint8Array([0, 0, 1, 0]));
          resolve();
        };
        ws.onerror = () => reject(new Error('socket failed'));
        ws.onmessage = (event) => frames.push([...new Uint8Array(event.data as ArrayBuffer)]);
        (window as unknown as Record<string, unknown>)[id] = { ws, frames };
      }),
    { id, url },
  );
  return {
    frames: () =>
      page.evaluate(
        (id) => (window as unknown as Record<string, Held | undefined>)[id]?.frames ?? [],
        id,
      ),
    send: async (bytes) => {
      await page.evaluate(
        ({ id, bytes }) =>
          (window as unknown as Record<string, Held | undefined>)[id]?.ws.send(
            new Uint8Array(bytes),
          ),
        { id, bytes: [...bytes] },
      );
    },
    close: async () => {
      await page.evaluate(
        (id) => (window as unknown as Record<string, Held | undefined>)[id]?.ws.close(),
        id,
      );
    },
  };
}

const encoder = new TextEncoder();

/** Whether `text`'s UTF-8 bytes occur in any of the frames a raw socket received. */
export function framesContain(frames: readonly number[][], text: string): boolean {
  const needle = [...encoder.encode(text)];
  return frames.some((frame) => {
    outer: for (let i = 0; i + needle.length <= frame.length; i++) {
      for (let j = 0; j < needle.length; j++) if (frame[i + j] !== needle[j]) continue outer;
      return true;
    }
    return false;
  });
}
