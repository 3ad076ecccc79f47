import { describe, expect, it } from 'vitest';
import { verifyToken } from './auth/tokens';
import { parseFlags, runCommand, UsageError } from './cli';
import { loadConfig } from './config';
import { MemoryStorage } from './storage/MemoryStorage';

const SECRET = 'cli-test-secret-long-enough-for-the-check-123';
const config = loadConfig({ PAJA_PUBLIC_URL: 'https://paja.example.fi' });

function tokenOf(url: string): string {
  return url.slice(url.indexOf('#t=') + 3);
}

describe('admin command line', () => {
  it('creates a board with one working link per role', async () => {
    const storage = new MemoryStorage();
    const result = (await runCommand(
      ['board', 'create', '--title', 'Tiekartta 2030'],
      config,
      storage,
      SECRET,
    )) as { id: string; links: Record<string, string> };
    expect(await storage.boardExists(result.id)).toBe(true);
    expect(Object.keys(result.links)).toEqual([
      'facilitator',
      'participant',
      'moderator',
      'commenter',
      'viewer',
    ]);
    for (const [role, url] of Object.entries(result.links)) {
      expect(url.startsWith(`https://paja.example.fi/b/${result.id}#t=`)).toBe(true);
      const check = verifyToken(SECRET, tokenOf(url), Date.now() / 1000);
      expect(check.ok && check.claims.r).toBe(role);
    }
  });

  it('mints a link for a role, and revoking bumps its generation', async () => {
    const storage = new MemoryStorage();
    const { id } = (await runCommand(['board', 'create'], config, storage, SECRET)) as {
      id: string;
    };
    const link = (await runCommand(
      ['link', '--board', id, '--role', 'viewer', '--expires-hours', '2'],
      config,
      storage,
      SECRET,
    )) as { url: string; expiresAt: string };
    const check = verifyToken(SECRET, tokenOf(link.url), Date.now() / 1000);
    expect(check.ok && check.claims).toMatchObject({ b: id, r: 'viewer', g: 0 });
    expect(Date.parse(link.expiresAt)).toBeGreaterThan(Date.now() + 3600_000);
    await runCommand(['revoke', '--board', id, '--role', 'viewer'], config, storage, SECRET);
    expect(await storage.linkGeneration(id, 'viewer')).toBe(1);
  });

  it('says what is wrong with a bad command', async () => {
    const storage = new MemoryStorage();
    await expect(runCommand(['link', '--board'], config, storage, SECRET)).rejects.toThrow(
      UsageError,
    );
    await expect(
      runCommand(['link', '--board', 'NoSuchBoard1', '--role', 'viewer'], config, storage, SECRET),
    ).rejects.toThrow(/no board/);
    await expect(
      runCommand(['link', '--board', 'NoSuchBoard1', '--role', 'king'], config, storage, SECRET),
    ).rejects.toThrow(/--role must be one of/);
    expect(() => parseFlags(['--colour', 'red'], ['title'])).toThrow(/unknown option --colour/);
    await expect(runCommand(['dance'], config, storage, SECRET)).rejects.toThrow(/unknown command/);
  });
});
