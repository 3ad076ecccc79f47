import type { NoteView } from '@paja/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { takeToken } from '../linkToken';
import { forgetBoard, myBoards, parseMyBoards, rememberBoardVisit } from '../myBoards';
import { fullRetryDelay, isBoardFull } from './boardFull';
import { linkFor } from './linksApi';
import {
  authorLine,
  countByOrganisation,
  rememberOrganisation,
  storedOrganisation,
} from './organisations';
import { qrPath } from './QrCode';
import { filterByOrganisation } from './useOrganisationFilter';

/** Just enough of a browser window for the storage and address-bar helpers. */
class MemoryStorage {
  #items = new Map<string, string>();
  getItem(key: string) {
    return this.#items.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    this.#items.set(key, value);
  }
  removeItem(key: string) {
    this.#items.delete(key);
  }
  dump() {
    return [...this.#items.values()].join('\n');
  }
}

interface FakeWindow {
  localStorage: MemoryStorage;
  sessionStorage: MemoryStorage;
  location: { pathname: string; search: string; hash: string };
  history: { state: unknown; replaceState(state: unknown, title: string, url: string): void };
}

let fake: FakeWindow;
const ID = 'AbCdEfGh23456789';
const TOKEN_F = 'facilitator.TOKENffffffffffffffff';
const TOKEN_P = 'participant.TOKENpppppppppppppppp';

beforeEach(() => {
  fake = {
    localStorage: new MemoryStorage(),
    sessionStorage: new MemoryStorage(),
    location: { pathname: `/b/${ID}`, search: '', hash: '' },
    history: {
      state: null,
      replaceState(_state, _title, url) {
        const hashAt = url.indexOf('#');
        fake.location.hash = hashAt < 0 ? '' : url.slice(hashAt);
      },
    },
  };
  (globalThis as { window?: unknown }).window = fake;
});

afterEach(() => {
  delete (globalThis as { window?: unknown }).window;
});

describe('the token leaves the address bar', () => {
  it('is taken from the fragment, kept in the tab, and removed from the address', () => {
    fake.location.hash = `#t=${TOKEN_F}`;
    expect(takeToken(ID)).toBe(TOKEN_F);
    expect(fake.location.hash).toBe('');
    expect(fake.sessionStorage.getItem(`paja.tabToken.${ID}`)).toBe(TOKEN_F);
    // A reload: the address has no token now, the tab still has it.
    expect(takeToken(ID)).toBe(TOKEN_F);
  });

  it('keeps other parts of the fragment', () => {
    fake.location.hash = `#t=${TOKEN_F}&x=1`;
    takeToken(ID);
    expect(fake.location.hash).toBe('#x=1');
  });

  it('a new link in the tab wins over the one kept', () => {
    fake.location.hash = `#t=${TOKEN_F}`;
    takeToken(ID);
    fake.location.hash = `#t=${TOKEN_P}`;
    expect(takeToken(ID)).toBe(TOKEN_P);
  });

  it('a new tab falls back to the token remembered for the board', () => {
    fake.localStorage.setItem(`paja.token.${ID}`, TOKEN_F);
    expect(takeToken(ID)).toBe(TOKEN_F);
  });
});

describe('my boards', () => {
  it('lists opened boards newest first, and drops what is malformed', () => {
    rememberBoardVisit({ id: ID, title: 'A', role: 'participant', token: TOKEN_P }, 1);
    rememberBoardVisit({ id: 'ZyXwVuTs98765432', title: 'B', role: 'viewer', token: null }, 2);
    expect(myBoards().map((b) => b.title)).toEqual(['B', 'A']);
    expect(
      parseMyBoards(
        JSON.stringify([{ id: 'x' }, { id: ID, role: 'boss', lastOpened: 1 }, 3, null]),
      ),
    ).toEqual([]);
    expect(parseMyBoards('{')).toEqual([]);
  });

  it('never keeps the token itself in the list', () => {
    rememberBoardVisit({ id: ID, title: 'A', role: 'facilitator', token: TOKEN_F }, 1);
    expect(fake.localStorage.getItem('paja.myBoards')).not.toContain(TOKEN_F);
  });

  it('a weaker link opened later does not demote the facilitator', () => {
    rememberBoardVisit({ id: ID, title: 'A', role: 'facilitator', token: TOKEN_F }, 1);
    rememberBoardVisit({ id: ID, title: 'A', role: 'participant', token: TOKEN_P }, 2);
    expect(myBoards()).toEqual([{ id: ID, title: 'A', role: 'facilitator', lastOpened: 2 }]);
    expect(fake.localStorage.getItem(`paja.token.${ID}`)).toBe(TOKEN_F);
  });

  it('a stronger link replaces a weaker one', () => {
    rememberBoardVisit({ id: ID, title: 'A', role: 'viewer', token: TOKEN_P }, 1);
    rememberBoardVisit({ id: ID, title: 'A', role: 'facilitator', token: TOKEN_F }, 2);
    expect(myBoards()[0]?.role).toBe('facilitator');
    expect(fake.localStorage.getItem(`paja.token.${ID}`)).toBe(TOKEN_F);
  });

  it('removing a board forgets its token', () => {
    rememberBoardVisit({ id: ID, title: 'A', role: 'facilitator', token: TOKEN_F }, 1);
    forgetBoard(ID);
    expect(myBoards()).toEqual([]);
    expect(fake.localStorage.dump()).not.toContain(TOKEN_F);
  });
});

describe('share links', () => {
  it('uses the server public address unless it is a loopback one the page does not use', () => {
    const server = 'https://paja.example.fi';
    expect(linkFor(server, 'http://127.0.0.1:8080', ID, 'tok')).toBe(`${server}/b/${ID}#t=tok`);
    expect(linkFor('http://127.0.0.1:8080', 'http://10.0.0.5:8080', ID, 'tok')).toBe(
      `http://10.0.0.5:8080/b/${ID}#t=tok`,
    );
    expect(linkFor('http://127.0.0.1:8080', 'http://localhost:8080', ID, 'tok')).toBe(
      `http://127.0.0.1:8080/b/${ID}#t=tok`,
    );
    expect(linkFor('', 'http://10.0.0.5', ID, 'tok')).toBe(`http://10.0.0.5/b/${ID}#t=tok`);
  });

  it('draws a QR code with its quiet zone', () => {
    const { size, d } = qrPath(`https://paja.example.fi/b/${ID}#t=${TOKEN_P}`);
    // Version 1 is 21 modules; each version adds 4; plus 4 modules of white on each side.
    expect((size - 8 - 21) % 4).toBe(0);
    expect(d.startsWith('M4 4h7')).toBe(true); // the finder pattern's top edge
    expect(qrPath('x').size).toBeLessThan(size);
  });
});

describe('a full board', () => {
  it('waits longer after each refusal, at most a minute, spread ±20 %', () => {
    expect(fullRetryDelay(0, 0.5)).toBe(5000);
    expect(fullRetryDelay(1, 0.5)).toBe(10_000);
    expect(fullRetryDelay(10, 0.5)).toBe(60_000);
    expect(fullRetryDelay(10, 1)).toBe(72_000);
    expect(fullRetryDelay(0, 0)).toBe(4000);
  });

  it('knows the close code', () => {
    expect(isBoardFull(4409)).toBe(true);
    expect(isBoardFull(4401)).toBe(false);
    expect(isBoardFull(null)).toBe(false);
  });
});

describe('organisations', () => {
  it('counts notes and people per organisation, listed ones with none included', () => {
    const notes = [
      { organisation: 'Espoo', authorId: 'a' },
      { organisation: 'Espoo', authorId: 'a' },
      { organisation: 'Espoo', authorId: 'b' },
      { organisation: 'Vantaa', authorId: 'c' },
      { organisation: null, authorId: 'd' },
      { organisation: null, authorId: '' },
    ];
    expect(countByOrganisation(notes, ['Helsinki', 'Vantaa'])).toEqual([
      { name: 'Espoo', notes: 3, people: 2 },
      { name: 'Vantaa', notes: 1, people: 1 },
      { name: 'Helsinki', notes: 0, people: 0 },
      { name: null, notes: 2, people: 1 },
    ]);
  });

  it('filters notes by organisation, "" meaning none', () => {
    const notes = [
      { id: 'a', organisation: 'Espoo' },
      { id: 'b', organisation: null },
    ] as unknown as NoteView[];
    expect(filterByOrganisation(notes, null)).toBe(notes);
    expect(filterByOrganisation(notes, 'Espoo').map((n) => n.id)).toEqual(['a']);
    expect(filterByOrganisation(notes, '').map((n) => n.id)).toEqual(['b']);
  });

  it('shows the organisation after the author on a note', () => {
    expect(authorLine({ authorName: 'Pekka', organisation: 'Vantaa' })).toBe('Pekka · Vantaa');
    expect(authorLine({ authorName: 'Pekka', organisation: null })).toBe('Pekka');
    expect(authorLine({ authorName: '', organisation: 'Vantaa' })).toBe('Vantaa');
  });

  it('remembers the organisation, cleaned', () => {
    rememberOrganisation('  Espoon   kaupunki ');
    expect(storedOrganisation()).toBe('Espoon kaupunki');
  });
});
