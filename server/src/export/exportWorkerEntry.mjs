// Entry of an export worker thread. Node 20 does not apply the parent's `--import` loader to a
// worker's own entry file, so this plain module registers tsx's hooks itself and then loads
// the worker, written in TypeScript like the rest of the server.
import { register } from 'tsx/esm/api';

register();
await import('./exportWorker.ts');
