import { readViewRect, type ViewRect } from '@paja/shared';
import type { Point } from '../canvas/viewport';

/**
 * Presence: who is on the board, where their pointer is, and which note they are dragging.
 * It travels in y-protocols awareness, never in the document: it is ephemeral, and writing a
 * drag's every frame into the Y.Doc would leave a struct per frame in the board forever
 * (bench/RESULTS.md, "Board size and load time").
 *
 * Local state shape (board coordinates):
 *   { user: { id, name, color }, cursor: { x, y } | null, dragging?: DragPreview | null }
 */
export interface PresenceUser {
  id: string;
  name: string;
  color: string;
}

/** A note's geometry while someone drags or resizes it; the document gets it once, at drop. */
export interface DragPreview {
  noteId: string;
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface PresenceState {
  user: PresenceUser;
  cursor: Point | null;
  dragging?: DragPreview | null;
}

export interface Peer extends PresenceState {
  clientId: number;
  isLocal: boolean;
}

/** ~20 Hz: smooth enough to follow a pointer, light enough for a room of 50. */
export const PRESENCE_INTERVAL_MS = 50;

const NAME_LIMIT = 40;
const COLOR = /^#[0-9a-fA-F]{6}$/;
const COORD_LIMIT = 2_000_000;

/**
 * Cursor colours: strong, distinct, and at least 4.5:1 against white text (WCAG 1.4.3: the
 * initials on avatars are small text). Chosen by participant id so a person keeps their colour
 * across visits.
 */
export const CURSOR_COLORS = [
  '#0072B2',
  '#B34700',
  '#00775A',
  '#A4407A',
  '#7B3FA0',
  '#8A6200',
  '#1F77B4',
  '#C0392B',
  '#2E7D32',
  '#AD1457',
] as const;

/**
 * White or near-black, whichever reads better on `background`: another browser chooses its own
 * colour (any #rrggbb passes), so a light one must not leave white initials unreadable.
 */
export function textColorOn(background: string): string {
  const channels = [1, 3, 5].map((i) => {
    const value = Number.parseInt(background.slice(i, i + 2), 16) / 255;
    return value <= 0.03928 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
  });
  const [r = 0, g = 0, b = 0] = channels;
  const luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  // Contrast with white is 1.05 / (L + 0.05); with #1a1a1a (L = 0.0103) it is (L + 0.05) / 0.0603.
  return 1.05 / (luminance + 0.05) >= (luminance + 0.05) / 0.0603 ? '#ffffff' : '#1a1a1a';
}

export function colorForParticipant(id: string): string {
  let hash = 0;
  for (let i = 0; i < id.length; i++) hash = (hash * 31 + id.charCodeAt(i)) >>> 0;
  return CURSOR_COLORS[hash % CURSOR_COLORS.length] ?? CURSOR_COLORS[0];
}

/**
 * Awareness states come from other browsers: anything can be in them. A state that does not
 * parse is ignored (that peer is not drawn), never trusted half-way.
 */
export function parsePresence(value: unknown): PresenceState | null {
  if (!isRecord(value) || !isRecord(value.user)) return null;
  const { id, name, color } = value.user;
  if (typeof id !== 'string' || id === '' || id.length > 64) return null;
  if (typeof name !== 'string') return null;
  const user: PresenceUser = {
    id,
    name: name.slice(0, NAME_LIMIT),
    color: typeof color === 'string' && COLOR.test(color) ? color : colorForParticipant(id),
  };
  return { user, cursor: parsePoint(value.cursor), dragging: parseDrag(value.dragging) };
}

function parsePoint(value: unknown): Point | null {
  if (!isRecord(value) || !isCoord(value.x) || !isCoord(value.y)) return null;
  return { x: value.x, y: value.y };
}

function parseDrag(value: unknown): DragPreview | null {
  if (!isRecord(value) || typeof value.noteId !== 'string') return null;
  const { x, y, w, h } = value;
  if (!isCoord(x) || !isCoord(y) || !isSize(w) || !isSize(h)) return null;
  return { noteId: value.noteId, x, y, w, h };
}

function isCoord(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && Math.abs(value) <= COORD_LIMIT;
}

function isSize(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 && value <= 10_000;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** Everyone on the board (me included), in a stable order: by name, then by connection. */
export function readPeers(states: ReadonlyMap<number, unknown>, localClientId: number): Peer[] {
  const peers: Peer[] = [];
  for (const [clientId, state] of states) {
    const parsed = parsePresence(state);
    if (parsed) peers.push({ ...parsed, clientId, isLocal: clientId === localClientId });
  }
  return peers.sort((a, b) => a.user.name.localeCompare(b.user.name) || a.clientId - b.clientId);
}

/**
 * The in-progress drags of other people, by note id. The key string changes only when a
 * drag does, so a React state built from it does not re-render notes for cursor moves.
 */
export function peerDrags(peers: readonly Peer[]): {
  key: string;
  drags: Map<string, DragPreview>;
} {
  const drags = new Map<string, DragPreview>();
  const parts: string[] = [];
  for (const peer of peers) {
    if (peer.isLocal || !peer.dragging) continue;
    const d = peer.dragging;
    drags.set(d.noteId, d);
    parts.push(`${d.noteId}:${d.x},${d.y},${d.w},${d.h}`);
  }
  return { key: parts.join('|'), drags };
}

/**
 * The board's presence: the state above plus what the canvas adds, all in one awareness state because the
 * publisher (publisher.ts) replaces it whole:
 *   moving:    { ids, dx, dy } | null  notes someone is dragging (or nudging) as a group, by an
 *                                      offset from where they are stored; the document gets
 *                                      the drop once (every overwrite stays: bench/RESULTS.md)
 *   selection: string[]                what they have selected, drawn as outlines in their colour
 *   view:      { x, y, width, height } the board rectangle on their screen, for followers
 *              | null                  (shared's ViewRect; checked by readViewRect)
 * Lists are capped: the server closes a connection whose state exceeds 8 KiB (4422). Others
 * see the first MAX_SHARED_IDS notes of a larger selection or drag, which is enough to follow.
 */
export const MAX_SHARED_IDS = 150;

export interface GroupMove {
  ids: string[];
  dx: number;
  dy: number;
}

/** Someone else's activity on the canvas, parsed from their (untrusted) awareness state. */
export interface PeerActivity {
  clientId: number;
  color: string;
  moving: GroupMove | null;
  selection: string[];
}

const ID = /^[0-9A-Za-z_-]{1,64}$/;
const OFFSET_LIMIT = 2_000_000;

function parseIds(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return value
    .slice(0, MAX_SHARED_IDS)
    .filter((id): id is string => typeof id === 'string' && ID.test(id));
}

function isOffset(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && Math.abs(value) <= OFFSET_LIMIT;
}

export function parseActivity(state: unknown): Pick<PeerActivity, 'moving' | 'selection'> {
  if (typeof state !== 'object' || state === null) return { moving: null, selection: [] };
  const { moving, selection } = state as Record<string, unknown>;
  let move: GroupMove | null = null;
  if (typeof moving === 'object' && moving !== null) {
    const { ids, dx, dy } = moving as Record<string, unknown>;
    if (isOffset(dx) && isOffset(dy)) move = { ids: parseIds(ids), dx, dy };
  }
  return { moving: move, selection: parseIds(selection) };
}

/**
 * The view of the person `participantId` (her `view` in awareness, untrusted and checked), or
 * null if she is not here or shows none. With several of her tabs open, any one of them.
 */
export function peerView(
  states: ReadonlyMap<number, unknown>,
  participantId: string,
): ViewRect | null {
  let found: ViewRect | null = null;
  for (const state of states.values()) {
    if (typeof state !== 'object' || state === null) continue;
    const { user, view } = state as Record<string, unknown>;
    if (typeof user !== 'object' || user === null) continue;
    if ((user as Record<string, unknown>).id !== participantId) continue;
    const rect = readViewRect(view);
    if (typeof rect !== 'string') found = rect;
  }
  return found;
}
