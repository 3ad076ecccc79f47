import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, loadHttpPolicy, loadLimits, loadStatement } from './config';

const SECRET = 'a-secret-that-is-long-enough-for-paja-0123456789';

describe('configuration of storage and relay', () => {
  it('is SQLite and no relay without PAJA_DATABASE_URL and PAJA_REDIS_URL', () => {
    const config = loadConfig({});
    expect(config.databaseUrl).toBeNull();
    expect(config.redisUrl).toBeNull();
  });

  it("commits a quiet board's SQLite appends on the server thread unless told not to", () => {
    expect(loadConfig({}).sqliteQuietCommits).toBe(true);
    expect(loadConfig({ PAJA_SQLITE_QUIET_COMMITS: '0' }).sqliteQuietCommits).toBe(false);
    expect(loadConfig({ PAJA_SQLITE_QUIET_COMMITS: '1' }).sqliteQuietCommits).toBe(true);
    expect(() => loadConfig({ PAJA_SQLITE_QUIET_COMMITS: 'maybe' })).toThrow(
      /PAJA_SQLITE_QUIET_COMMITS/,
    );
  });

  it('takes PostgreSQL and Redis URLs', () => {
    const config = loadConfig({
      PAJA_DATABASE_URL: 'postgres://paja:pw@db:5432/paja',
      PAJA_REDIS_URL: 'redis://cache:6379',
      PAJA_SECRET: SECRET,
    });
    expect(config.databaseUrl).toBe('postgres://paja:pw@db:5432/paja');
    expect(config.redisUrl).toBe('redis://cache:6379');
  });

  it('refuses a relay without shared storage or a shared secret', () => {
    expect(() => loadConfig({ PAJA_REDIS_URL: 'redis://cache:6379' })).toThrow(/PAJA_DATABASE_URL/);
    expect(() =>
      loadConfig({ PAJA_REDIS_URL: 'redis://cache:6379', PAJA_DATABASE_URL: 'postgres://db/p' }),
    ).toThrow(/PAJA_SECRET/);
  });

  it('names a malformed URL without repeating it (it may hold a password)', () => {
    const bad = 'mysql://paja:hunter2@db/paja';
    expect(() => loadConfig({ PAJA_DATABASE_URL: bad })).toThrow(ConfigError);
    try {
      loadConfig({ PAJA_DATABASE_URL: bad });
    } catch (error) {
      expect((error as Error).message).toMatch(/PAJA_DATABASE_URL/);
      expect((error as Error).message).not.toMatch(/hunter2/);
    }
  });
});

describe('settings against hostile traffic', () => {
  it('refuses the replaced connection limit by naming its replacements, and bad values', () => {
    expect(() => loadLimits({ PAJA_MAX_CONNECTIONS_PER_BOARD: '500' })).toThrow(
      /PAJA_MAX_READERS_PER_BOARD/,
    );
    expect(() => loadHttpPolicy({ PAJA_BOARD_CREATION: 'nobody' })).toThrow(ConfigError);
    expect(() => loadHttpPolicy({ PAJA_OPERATOR_TOKEN: 'short' })).toThrow(/32 characters/);
    // A frame-ancestors value must not end its directive or start another header.
    expect(() => loadHttpPolicy({ PAJA_FRAME_ANCESTORS: "'self'; script-src *" })).toThrow(
      /PAJA_FRAME_ANCESTORS/,
    );
    expect(() => loadHttpPolicy({ PAJA_TRUST_PROXY: 'maybe' })).toThrow(/PAJA_TRUST_PROXY/);
    expect(loadHttpPolicy({})).toMatchObject({
      boardCreation: 'anyone',
      frameAncestors: "'none'",
      trustProxy: false,
    });
  });

  it('every PAJA_ variable the server reads is in README’s configuration table', () => {
    const source = readFileSync(new URL('./config.ts', import.meta.url), 'utf8');
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const table = readme.slice(readme.indexOf('## Configuration'), readme.indexOf('## Roles'));
    const read = new Set(source.match(/PAJA_[A-Z_]+/g));
    read.delete('PAJA_MAX_CONNECTIONS_PER_BOARD'); // refused with a message, not a setting
    for (const name of read) expect(table, name).toContain(`\`${name}\``);
  });
});

describe('the accessibility statement', () => {
  it("takes the operator's parts from PAJA_* variables, and checks the date", () => {
    expect(loadStatement({})).toEqual({ operator: null, contact: null, date: null });
    expect(
      loadStatement({
        PAJA_OPERATOR_NAME: ' City of Espoo ',
        PAJA_ACCESSIBILITY_CONTACT: 'a11y@espoo.example',
        PAJA_ACCESSIBILITY_DATE: '2026-12-01',
      }),
    ).toEqual({ operator: 'City of Espoo', contact: 'a11y@espoo.example', date: '2026-12-01' });
    expect(() => loadStatement({ PAJA_ACCESSIBILITY_DATE: 'yesterday' })).toThrow(
      /PAJA_ACCESSIBILITY_DATE/,
    );
  });
});
