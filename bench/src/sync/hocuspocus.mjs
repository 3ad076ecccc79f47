// The Hocuspocus reference server as its documentation starts it: `new Server({...}).listen()`
// with the default configuration (2 s store debounce, 10 s max debounce, unload when the last
// client leaves) and, for persistence, its SQLite extension when HOCUSPOCUS_DB names a file, or
// its Database extension on PostgreSQL when HOCUSPOCUS_PG is a connection URL (a table of its
// own, `hocuspocus_documents`, in the URL's search_path). HOCUSPOCUS_REDIS adds its Redis
// extension (several instances, as its documentation scales it). Only the port, the loopback
// address and a quiet start screen are set besides.
import { Database } from '@hocuspocus/extension-database';
import { Redis } from '@hocuspocus/extension-redis';
import { SQLite } from '@hocuspocus/extension-sqlite';
import { Server } from '@hocuspocus/server';
import pg from 'pg';

const port = Number(process.env.PORT);
const database = process.env.HOCUSPOCUS_DB;
const postgres = process.env.HOCUSPOCUS_PG;
const redis = process.env.HOCUSPOCUS_REDIS;

const extensions = [];
if (database) extensions.push(new SQLite({ database }));
if (postgres) {
  const pool = new pg.Pool({ connectionString: postgres, max: 4 });
  await pool.query(
    'CREATE TABLE IF NOT EXISTS hocuspocus_documents (name text PRIMARY KEY, data bytea NOT NULL)',
  );
  extensions.push(
    new Database({
      fetch: async ({ documentName }) => {
        const { rows } = await pool.query('SELECT data FROM hocuspocus_documents WHERE name = $1', [
          documentName,
        ]);
        return rows[0]?.data ?? null;
      },
      store: async ({ documentName, state }) => {
        await pool.query(
          `INSERT INTO hocuspocus_documents (name, data) VALUES ($1, $2)
           ON CONFLICT (name) DO UPDATE SET data = EXCLUDED.data`,
          [documentName, state],
        );
      },
    }),
  );
}
if (redis) {
  const url = new URL(redis);
  extensions.push(
    new Redis({
      host: url.hostname,
      port: Number(url.port || 6379),
      prefix: process.env.HOCUSPOCUS_REDIS_PREFIX ?? 'hocuspocus',
    }),
  );
}

const server = new Server({ port, address: '127.0.0.1', quiet: true, extensions });

await server.listen();
console.log(`hocuspocus listening on 127.0.0.1:${port}`);
