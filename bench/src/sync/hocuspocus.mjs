// The Hocuspocus reference server as its documentation starts it: `new Server({...}).listen()`
// with the default configuration (2 s store debounce, 10 s max debounce, unload when the last
// client leaves) and its SQLite extension for persistence when HOCUSPOCUS_DB names a file.
// Only the port, the loopback address and a quiet start screen are set.
import { SQLite } from '@hocuspocus/extension-sqlite';
import { Server } from '@hocuspocus/server';

const port = Number(process.env.PORT);
const database = process.env.HOCUSPOCUS_DB;

const server = new Server({
  port,
  address: '127.0.0.1',
  quiet: true,
  extensions: database ? [new SQLite({ database })] : [],
});

await server.listen();
console.log(`hocuspocus listening on 127.0.0.1:${port}`);
