import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BoardTemplate, parseTemplate } from '@paja/shared';

/** The repository's root: two levels up from server/src and server/dist alike. */
const REPOSITORY_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/**
 * Where the templates live: JSON files, one template per file, in the `templates/` folder of
 * this repository's own workspace package @paja/shared.
 */
export const TEMPLATES_DIR = path.join(REPOSITORY_ROOT, 'shared', 'templates');

export class TemplateError extends Error {
  override name = 'TemplateError';
}

/**
 * Reads and checks every `*.json` in `dir`. A file that is not a valid template stops the
 * server at start with the file's name and what is wrong in it, rather than failing later
 * for the facilitator who picks it. Returns the templates in listing order.
 */
export function loadTemplates(dir = TEMPLATES_DIR): Map<string, BoardTemplate> {
  const files = fs
    .readdirSync(dir)
    .filter((file) => file.endsWith('.json'))
    .sort();
  const found: BoardTemplate[] = [];
  for (const file of files) {
    let value: unknown;
    try {
      value = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
    } catch (error) {
      throw new TemplateError(`template ${file} is not valid JSON: ${(error as Error).message}`);
    }
    const check = parseTemplate(value);
    if (!check.ok) {
      throw new TemplateError(`template ${file} is not valid:\n  ${check.errors.join('\n  ')}`);
    }
    const twin = found.find((template) => template.id === check.template.id);
    if (twin) throw new TemplateError(`template ${file} uses the id "${twin.id}" of another`);
    found.push(check.template);
  }
  found.sort((a, b) => a.order - b.order || (a.id < b.id ? -1 : 1));
  return new Map(found.map((template) => [template.id, template]));
}

let loaded: Map<string, BoardTemplate> | null = null;

/** The repository's templates, read once. */
export function templates(): Map<string, BoardTemplate> {
  loaded ??= loadTemplates();
  return loaded;
}
