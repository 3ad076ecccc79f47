import type pg from 'pg';
import type { NumberedSideWrite, SideRecord, SideTail } from './Storage';

/*
 * PostgresStorage's reads, each ONE statement: a statement sees one snapshot of the database,
 * so a read never sees half a compaction or half a commit.
 */

/** A board's snapshot (if newer than `afterSeq`), its updates after it, and (if asked) side state. */
export async function readBoard(
  pool: pg.Pool,
  boardId: string,
  afterSeq: number,
  withSide: boolean,
) {
  const { rows } = await pool.query<{
    snapshot: Buffer | null;
    last_seq: string;
    last_side_seq: string;
    updates: Buffer[] | null;
    side: SideRecord[] | null;
  }>(
    `SELECT CASE WHEN b.snapshot_seq > $2 THEN b.snapshot END AS snapshot,
            b.next_seq - 1 AS last_seq, b.next_side_seq - 1 AS last_side_seq,
            (SELECT array_agg(u.data ORDER BY u.seq) FROM board_updates u
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
    snapshot: row.snapshot,
    updates: row.updates ?? [],
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
