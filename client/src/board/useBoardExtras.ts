import {
  type ClusterView,
  clustersMap,
  lanesMap,
  periodsMap,
  type RoadmapView,
  readClusterEntries,
  readRoadmap,
} from '@paja/shared';
import { useEffect, useState } from 'react';
import type * as Y from 'yjs';

export type ClusterEntry = Omit<ClusterView, 'members'>;

export interface BoardExtras {
  /** Clusters without members: those come from the notes (withMembers), which useBoard reads. */
  clusters: ClusterEntry[];
  roadmap: RoadmapView;
}

/**
 * Clusters and the roadmap axes, read from the document whenever they change. Kept apart from
 * useBoard (which reads notes and meta) so that typing in a note does not re-read them.
 */
export function useBoardExtras(doc: Y.Doc): BoardExtras {
  const [clusters, setClusters] = useState<ClusterEntry[]>(() => readClusterEntries(doc));
  const [roadmap, setRoadmap] = useState<RoadmapView>(() => readRoadmap(doc));
  useEffect(() => {
    const readClusters = () => setClusters(readClusterEntries(doc));
    const readAxes = () => setRoadmap(readRoadmap(doc));
    readClusters();
    readAxes();
    clustersMap(doc).observeDeep(readClusters);
    lanesMap(doc).observeDeep(readAxes);
    periodsMap(doc).observeDeep(readAxes);
    return () => {
      clustersMap(doc).unobserveDeep(readClusters);
      lanesMap(doc).unobserveDeep(readAxes);
      periodsMap(doc).unobserveDeep(readAxes);
    };
  }, [doc]);
  return { clusters, roadmap };
}
