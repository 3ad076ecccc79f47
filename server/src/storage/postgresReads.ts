import type pg from 'pg';
import type { NumberedSideWrite, SideRecord, SideTail } from './Storage';

/*
 * PostgresStorage's reads, each ONE statement: a statement sees one snapshot of the database,
 * so a read never sees half a compaction or half a commit.
 *
 * A board's bytes come as base64 text (`encode(..., 'base64')`), not as bytea: `pg` receives
 * bytea as hex text, twice the bytes, which its parser gathers into one buffer, decodes to a
 * string and decodes again (and a bytea[] it walks character by character in JavaScript).
 * Base64 is a third smaller than hex and Node decodes it natively, skipping the line breaks
 * PostgreSQL puts in it. Loading a 20 MB board took half the CPU in this process (measured:
 * bench/RESULTS.md, "Joiners, third round"; `bench/src/scaleout/pgLoad.ts`).
 */

/** Separates a log's updates in one text: never in base64 (A-Z a-z 0-9 + / = and newlines). */
const UPDATE_SEPARATOR = ',';

/** An update log read as base64 texts joined by UPDATE_SEPARATOR (null: no updates). */
export function decodeUpdateList(joined: string | null): Buffer[] {
  if (joined === null) return [];
  return joined.split(UPDATE_SEPARATOR).map((update) => Buffer.from(update, 'base64'));
}

/** A board's snapshot (if newer than `afterSeq`), its updates after it, and (if asked) side state. */
export async function readBoard(
  pool: pg.Pool,
  boardId: string,
  afterSeq: number,
  withSide: boolean,
) {
  const { rows } = await pool.query<{
    snapshot: string | null;
    last_seq: string;
    last_side_seq: string;
    updates: string | null;
    side: SideRecord[] | null;
  }>(
    `SELECT CASE WHEN b.snapshot_seq > $2 THEN encode(b.snapshot, 'base64') END AS snapshot,
            b.next_seq - 1 AS last_seq, b.next_side_seq - 1 AS last_side_seq,
            (SELECT string_agg(encode(u.data, 'base64'), '${UPDATE_SEPARATOR}' ORDER BY u.seq)
               FROM board_updates u
              WHERE u.board_id = b.id AND u.seq > greatest($2, b.snapshot_seq)) AS updates,
            CASE WHEN $3 THEN
              (SELECT json_agg(json_build_object('kind', s.kind, 'key', s.key, 'value', s.value)
                               ORDER BY s.seq)
                 FROM side_state s WHERE s.board_id = b.id AND s.value IS NOT NULL)
            END AS side
       FROM boards b WHERE b.id = $1`,
    [boardId, afterSeq, withSide],
  );
  const row = rows[0];
  if (!row) return null;
  return {
    snapshot: row.snapshot === null ? null : Buffer.from(row.snapshot, 'base64'),
    updates: decodeUpdateList(row.updates),
    lastSeq: Number(row.last_seq),
    lastSideSeq: Number(row.last_side_seq),
    side: row.side,
  };
}

/** Side-state writes numbered after `afterSideSeq`, or every record (a reset). See Storage. */
export async function readSideSince(
  pool: pg.Pool,
  boardId: string,
  afterSideSeq: number,
): Promise<SideTail | null> {
  const { rows } = await pool.query<{
    last_side_seq: string;
    reset: boolean;
    writes: NumberedSideWrite[] | null;
  }>(
    `SELECT b.next_side_seq - 1 AS last_side_seq, $2 < b.side_pruned_seq AS reset,
            (SELECT json_agg(json_build_object('kind', s.kind, 'key', s.key, 'value', s.value,
                                               'seq', s.seq) ORDER BY s.seq)
               FROM side_state s
              WHERE s.board_id = b.id
                AND CASE WHEN $2 < b.side_pruned_seq THEN s.value IS NOT NULL
                         ELSE s.seq > $2 END) AS writes
       FROM boards b WHERE b.id = $1`,
    [boardId, afterSideSeq],
  );
  const row = rows[0];
  if (!row) return null;
  return {
    lastSideSeq: Number(row.last_side_seq),
    reset: row.reset,
    writes: (row.writes ?? []).map((write) => ({ ...write, seq: Number(write.seq) })),
  };
}
