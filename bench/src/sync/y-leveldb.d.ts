// y-leveldb 0.1.2 ships types that its package.json "exports" does not expose; this is the part
// the benchmark uses (storing a board before the y-websocket server starts).
declare module 'y-leveldb' {
  export class LeveldbPersistence {
    constructor(location: string);
    storeUpdate(docName: string, update: Uint8Array): Promise<number>;
    destroy(): Promise<void>;
  }
}
