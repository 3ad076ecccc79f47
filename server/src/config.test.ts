import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';

const SECRET = 'a-secret-that-is-long-enough-for-paja-0123456789';

describe('configuration of storage and relay', () => {
  it('is SQLite and no relay without PAJA_DATABASE_URL and PAJA_REDIS_URL', () => {
    const config = loadConfig({});
    expect(config.databaseUrl).toBeNull();
    expect(config.redisUrl).toBeNull();
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
