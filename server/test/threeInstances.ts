import type { Cluster, ClusterInstance } from './cluster';
import { createBoardOver, linkFor } from './harness';
import { type Peer, peer } from './peer';

export type Where = 'a' | 'b' | 'c';

/**
 * A new board on a cluster of three instances A, B, C, and how to reach it on any of them:
 * `join` a peer with a role's link (made once per role) and a participant key, or the URL of
 * a socket with that role's link. Peers are added to `peers`, for the test to close.
 */
export async function oneBoardOnThree(cluster: Cluster, peers: Peer[]) {
  const [a, b, c] = cluster.instances as [ClusterInstance, ClusterInstance, ClusterInstance];
  const on: Record<Where, ClusterInstance> = { a, b, c };
  const board = await createBoardOver(a.url);
  const tokens = new Map<string, string>();
  const tokenOf = async (role: string) => {
    let token = role === 'facilitator' ? board.token : tokens.get(role);
    if (!token) {
      token = await linkFor(a.url, board, role);
      tokens.set(role, token);
    }
    return token;
  };
  const join = async (where: Where, role: string, key: string) => {
    const p = await peer(on[where].wsUrl, board.id, await tokenOf(role), key);
    peers.push(p);
    return p;
  };
  const socketUrl = async (where: Where, role: string) =>
    `${on[where].wsUrl}/${board.id}?token=${await tokenOf(role)}`;
  return { board, join, socketUrl, instances: on };
}
