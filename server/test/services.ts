import { randomBytes } from 'node:crypto';
import pg from 'pg';

/**
 * PostgreSQL and Redis for the tests that need them, from PAJA_TEST_DATABASE_URL and
 * PAJA_TEST_REDIS_URL. Without them those tests skip and say so loudly; on CI (CI=true) a
 * missing one is an error, so they cannot skip there (.ci/run sets both).
 */
function service(variable: string, what: string): string | undefined {
  const value = process.env[variable]?.trim();
  if (value) return value;
  if (process.env.CI === 'true' || process.env.CI === '1') {
    throw new Error(`${variable} is not set: the ${what} tests must run on CI`);
  }
  process.stderr.write(
    `\n  !!! SKIPPING the ${what} tests: set ${variable} to run them (see README) !!!\n\n`,
  );
  return undefined;
}

export const testDatabaseUrl = (): string | undefined =>
  service('PAJA_TEST_DATABASE_URL', 'PostgreSQL');
export const testRedisUrl = (): string | undefined => service('PAJA_TEST_REDIS_URL', 'Redis');

/**
 * A fresh schema name per call, so that test files running in parallel (and on several
 * machines' CI against one server) never see each other's boards.
 */
export function uniqueSchema(): string {
  return `paja_test_${process.pid}_${randomBytes(5).toString('hex')}`;
}

/** Drops test schemas made by `uniqueSchema`. */
export async function dropSchemas(url: string, schemas: readonly string[]): Promise<void> {
  if (schemas.length === 0) return;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (const schema of schemas) await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  } finally {
    await client.end();
  }
}

/** A unique prefix for Redis keys and channels of one test run. */
export function uniquePrefix(): string {
  return `paja-test-${process.pid}-${randomBytes(4).toString('hex')}:`;
}
