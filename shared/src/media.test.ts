import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { judgeUpdate } from './editGuard';
import {
  createNote,
  imageItemSize,
  initBoard,
  linkParts,
  NoteKey,
  notesMap,
  readBoard,
  readMedia,
  safeHttpUrl,
} from './index';

const image = { kind: 'image', blob: 'AbCdEfGhIjKlMnOpQrStUv', width: 800, height: 400 } as const;

describe('links in text', () => {
  it('links only absolute http and https addresses without credentials', () => {
    expect(safeHttpUrl('https://www.hel.fi/fi')).toBe('https://www.hel.fi/fi');
    expect(safeHttpUrl(' http://example.org ')).toBe('http://example.org/');
    for (const bad of [
      'javascript:alert(1)',
      'JAVASCRIPT:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'vbscript:msgbox',
      'file:///etc/passwd',
      '//evil.example',
      '/relative',
      'https://user:pw@evil.example',
      'https:// spaced.example',
      `https://x.fi/${'a'.repeat(3000)}`,
    ]) {
      expect(safeHttpUrl(bad), bad).toBeNull();
    }
  });

  it('splits a note into words and links, leaving sentence punctuation and other schemes out', () => {
    expect(
      linkParts('See https://example.org/plan. And javascript:alert(1) (or http://a.fi/x).'),
    ).toEqual([
      { text: 'See ' },
      { text: 'https://example.org/plan', href: 'https://example.org/plan' },
      { text: '. And javascript:alert(1) (or ' },
      { text: 'http://a.fi/x', href: 'http://a.fi/x' },
      { text: ').' },
    ]);
    expect(linkParts('no links here')).toEqual([{ text: 'no links here' }]);
    // "javascript:" dressed as an http link is text, not a link.
    expect(
      linkParts('https://javascript:alert(1)').every((p) => !p.href?.startsWith('javascript')),
    ).toBe(true);
  });
});

describe('image and link items', () => {
  it('reads a note with media, and reports a broken one instead of showing it', () => {
    const doc = new Y.Doc();
    initBoard(doc, { title: 'Kuvat', locale: 'fi' });
    const id = createNote(doc, {
      x: 0,
      y: 0,
      authorId: 'p',
      authorName: 'P',
      media: image,
      text: 'Kartta',
    });
    const note = readBoard(doc).notes.find((n) => n.id === id);
    expect(note?.media).toEqual(image);
    expect(note?.text).toBe('Kartta');
    expect(readMedia({ kind: 'link', url: 'javascript:alert(1)' })).toMatch(/not an http/);
    expect(readMedia({ kind: 'image', blob: '../../etc', width: 1, height: 1 })).toMatch(/file id/);
    expect(readMedia({ kind: 'video' })).toMatch(/unknown media/);
    notesMap(doc).get(id)?.set(NoteKey.media, { kind: 'link', url: 'javascript:alert(1)' });
    expect(readBoard(doc).invalid.map((e) => e.id)).toContain(id);
  });

  it('sizes a new image item to its picture', () => {
    expect(imageItemSize(image)).toEqual({ w: 320, h: 160 });
  });

  it('lets a participant add an image item in her name, never change its file afterwards', () => {
    const server = new Y.Doc();
    initBoard(server, { title: 'Kuvat', locale: 'fi' });
    const alice = { role: 'participant', participantId: 'pAlice' } as const;
    const replica = new Y.Doc();
    Y.applyUpdate(replica, Y.encodeStateAsUpdate(server));
    const updates: Uint8Array[] = [];
    replica.on('update', (u: Uint8Array) => updates.push(u));
    const id = createNote(replica, {
      x: 0,
      y: 0,
      authorId: 'pAlice',
      authorName: 'A',
      media: image,
    });
    const add = Y.mergeUpdates(updates.splice(0));
    expect(judgeUpdate(server, add, alice)).toBeNull();
    Y.applyUpdate(server, add);
    // Pointing her image at another file (someone else's) is refused.
    notesMap(replica)
      .get(id)
      ?.set(NoteKey.media, { ...image, blob: 'ZZZZZZZZZZZZZZZZZZZZZZ' });
    expect(judgeUpdate(server, Y.mergeUpdates(updates.splice(0)), alice)?.reason).toBe('setOnce');
  });
});
