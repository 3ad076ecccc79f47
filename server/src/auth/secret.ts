import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Logger } from '../log';

const MIN_SECRET_LENGTH = 32;

/**
 * The key that signs board links. PAJA_SECRET when set (required when several instances serve
 * the same boards: they must share it). Otherwise a random one kept in the data directory, so
 * that links keep working across restarts of a single instance.
 */
export function loadSecret(configured: string | null, dataDir: string, log: Logger): string {
  if (configured) {
    if (configured.length < MIN_SECRET_LENGTH) {
      throw new Error(`PAJA_SECRET must be at least ${MIN_SECRET_LENGTH} characters long`);
    }
    return configured;
  }
  const file = path.join(dataDir, 'secret');
  try {
    const stored = fs.readFileSync(file, 'utf8').trim();
    if (stored.length >= MIN_SECRET_LENGTH) return stored;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  fs.mkdirSync(dataDir, { recursive: true });
  const secret = crypto.randomBytes(32).toString('base64url');
  fs.writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  log.warn('PAJA_SECRET is not set: generated one and stored it in the data directory', {
    file,
  });
  return secret;
}
