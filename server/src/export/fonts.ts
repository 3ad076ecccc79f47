import { createRequire } from 'node:module';
import path from 'node:path';

/**
 * DejaVu Sans, shipped in the npm package dejavu-fonts-ttf (never downloaded at run time): it
 * has å, ä, ö and the Sámi letters (á, č, đ, ŋ, š, ŧ, ž, ʒ ...), which the PDF's built-in
 * fonts do not. Both the PDF and the PNG embed or use these files.
 */
const fontDir = path.join(
  path.dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')),
  'ttf',
);

export const FONT_REGULAR = path.join(fontDir, 'DejaVuSans.ttf');
export const FONT_BOLD = path.join(fontDir, 'DejaVuSans-Bold.ttf');
