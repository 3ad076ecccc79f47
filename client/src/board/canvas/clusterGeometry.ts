import { CLUSTER_HEADER, type ClusterView } from '@paja/shared';
import { containsPoint } from './geometry';
import type { Bounds, Point } from './viewport';

/** A collapsed cluster is drawn as a card: its title and how many notes it holds. */
export const COLLAPSED_W = 260;
export const COLLAPSED_H = 100;

export function collapsedCard(cluster: ClusterView): Bounds {
  return { x: cluster.x, y: cluster.y, w: Math.min(cluster.w, COLLAPSED_W), h: COLLAPSED_H };
}

/** The title band along the top of an open cluster's frame: where it is grabbed and named. */
export function headerBand(cluster: ClusterView): Bounds {
  return { x: cluster.x, y: cluster.y, w: cluster.w, h: Math.min(CLUSTER_HEADER, cluster.h) };
}

/** The area a cluster occupies on screen, open or collapsed. */
export function clusterBounds(cluster: ClusterView): Bounds {
  return cluster.collapsed ? collapsedCard(cluster) : cluster;
}

/**
 * The open cluster whose frame holds `point`: where a dropped note joins. Later clusters are
 * drawn over earlier ones, so the last match wins.
 */
export function clusterAt(
  clusters: readonly ClusterView[],
  point: Point,
  except?: string,
): ClusterView | null {
  for (let i = clusters.length - 1; i >= 0; i--) {
    const cluster = clusters[i] as ClusterView;
    if (cluster.collapsed || cluster.id === except) continue;
    if (containsPoint(cluster, point)) return cluster;
  }
  return null;
}

/** Ids of notes hidden inside collapsed clusters. */
export function hiddenMembers(clusters: readonly ClusterView[]): Set<string> {
  const hidden = new Set<string>();
  for (const cluster of clusters) {
    if (cluster.collapsed) for (const id of cluster.members) hidden.add(id);
  }
  return hidden;
}
