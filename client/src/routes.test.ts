import { describe, expect, it } from 'vitest';
import { parseBoardLink, parseRoute } from './routes';

const ID = 'AbCdEfGh23456789';

describe('parseRoute', () => {
  it('routes board paths and everything else to the landing page', () => {
    expect(parseRoute(`/b/${ID}`)).toEqual({ kind: 'board', boardId: ID });
    expect(parseRoute(`/b/${ID}/`)).toEqual({ kind: 'board', boardId: ID });
    expect(parseRoute('/')).toEqual({ kind: 'landing' });
    expect(parseRoute('/b/')).toEqual({ kind: 'landing' });
    expect(parseRoute('/other')).toEqual({ kind: 'landing' });
  });

  it('passes a malformed id through for the board page to explain', () => {
    expect(parseRoute('/b/%E0%A4%A')).toEqual({ kind: 'board', boardId: '%E0%A4%A' });
  });
});

describe('parseBoardLink', () => {
  it('accepts a full link, a path and a bare id', () => {
    const plain = { boardId: ID, token: null };
    expect(parseBoardLink(`https://paja.example.fi/b/${ID}`)).toEqual(plain);
    expect(parseBoardLink(`  http://localhost:8080/b/${ID}?x=1#y `)).toEqual(plain);
    expect(parseBoardLink(`/b/${ID}`)).toEqual(plain);
    expect(parseBoardLink(`b/${ID}`)).toEqual(plain);
    expect(parseBoardLink(ID)).toEqual(plain);
  });

  it('keeps the access token from the fragment', () => {
    expect(parseBoardLink(`https://paja.example.fi/b/${ID}#t=abc.DEF-1_2`)).toEqual({
      boardId: ID,
      token: 'abc.DEF-1_2',
    });
    expect(parseBoardLink(`/b/${ID}#t=xyz`)).toEqual({ boardId: ID, token: 'xyz' });
    expect(parseBoardLink(`/b/${ID}#t=<bad>`)).toEqual({ boardId: ID, token: null });
  });

  it('refuses what is not a board link', () => {
    expect(parseBoardLink('')).toBeNull();
    expect(parseBoardLink('hello')).toBeNull();
    expect(parseBoardLink('https://example.com/')).toBeNull();
    expect(parseBoardLink('https://example.com/b/<script>')).toBeNull();
  });
});
