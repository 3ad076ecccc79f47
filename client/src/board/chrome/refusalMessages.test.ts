import { ACCESS_REASONS, CLOSE_CODES, CloseCode } from '@paja/shared';
import { describe, expect, it } from 'vitest';
import { CATALOGUES } from '../../i18n/messages';
import { isChangeRefused } from '../session/connection';
import { noAccessMessage, refusalMessage } from './refusalMessages';

describe('what the page says when the server refuses for good', () => {
  it('names the reason of every close after which the client stops, in fi, sv and en', () => {
    // The only stops that share the generic "cannot be loaded right now" are those Paja's own
    // page never causes: a server of other versions (it shows its own reload screen for that),
    // an awareness state that is not its own.
    const generic = new Set(['clientOutdated', 'badAwareness']);
    for (const entry of CLOSE_CODES) {
      if (entry.retry === 'backoff' || generic.has(entry.name)) continue;
      const key = refusalMessage(entry.code);
      if (isChangeRefused(entry.code))
        expect(key, entry.name).toMatch(/^board\.error\.(change|too)/);
      expect(key, entry.name).not.toBe('board.error.unavailable');
      for (const catalogue of Object.values(CATALOGUES)) expect(catalogue[key]).toBeTruthy();
    }
  });

  it('tells a revoked link and a mistyped address apart from a link without access', () => {
    expect(refusalMessage(CloseCode.unauthorized, ACCESS_REASONS.revoked)).toBe(
      'board.error.revoked',
    );
    expect(refusalMessage(CloseCode.forbidden, ACCESS_REASONS.otherBoard)).toBe(
      'board.error.linkMismatch',
    );
    expect(refusalMessage(CloseCode.unauthorized, 'invalid access token')).toBe(
      'board.error.noAccess',
    );
    // Opened afresh with a revoked link: nothing of this person's was on the board here.
    expect(noAccessMessage(ACCESS_REASONS.revoked)).toBe('board.error.revokedLink');
    for (const catalogue of Object.values(CATALOGUES)) {
      expect(catalogue['board.error.revokedLink']).toBeTruthy();
      expect(catalogue['board.error.revoked']).toBeTruthy();
      expect(catalogue['board.error.linkMismatch']).toBeTruthy();
    }
  });
});
