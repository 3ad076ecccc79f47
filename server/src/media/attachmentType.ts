/**
 * What an attached file is, from its content: the documents a workshop hands round (PDF,
 * Word, Excel, PowerPoint and their OpenDocument counterparts) and plain text (UTF-8, no NUL
 * bytes: CSV, notes). Nothing else is taken: no HTML, SVG, scripts, executables or archives.
 * An attachment is always served as a download (Content-Disposition: attachment, CSP sandbox),
 * with the type found here, never the one the uploader claimed.
 */
export interface AttachmentType {
  mime: string;
  extension: string;
}

const OOXML: ReadonlyArray<[string, AttachmentType]> = [
  [
    'word/',
    {
      mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      extension: 'docx',
    },
  ],
  [
    'xl/',
    {
      mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      extension: 'xlsx',
    },
  ],
  [
    'ppt/',
    {
      mime: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
      extension: 'pptx',
    },
  ],
];

const ODF: ReadonlyArray<[string, string]> = [
  ['application/vnd.oasis.opendocument.text', 'odt'],
  ['application/vnd.oasis.opendocument.spreadsheet', 'ods'],
  ['application/vnd.oasis.opendocument.presentation', 'odp'],
];

export function attachmentType(bytes: Uint8Array): AttachmentType | null {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buffer.length < 8) return null;
  if (buffer.subarray(0, 5).toString('latin1') === '%PDF-') {
    return { mime: 'application/pdf', extension: 'pdf' };
  }
  if (buffer.readUInt32LE(0) === 0x04034b50) return zipDocument(buffer);
  if (isPlainText(buffer)) return { mime: 'text/plain; charset=utf-8', extension: 'txt' };
  return null;
}

/** An OpenDocument names its type in a first entry `mimetype`; OOXML has its part folders. */
function zipDocument(buffer: Buffer): AttachmentType | null {
  const nameLength = buffer.readUInt16LE(26);
  const firstName = buffer.subarray(30, 30 + nameLength).toString('latin1');
  if (firstName === 'mimetype') {
    const content = buffer.subarray(
      30 + nameLength + buffer.readUInt16LE(28),
      30 + nameLength + 200,
    );
    for (const [mime, extension] of ODF) {
      if (content.toString('latin1').startsWith(mime)) return { mime, extension };
    }
    return null;
  }
  if (!buffer.includes('[Content_Types].xml')) return null;
  for (const [folder, type] of OOXML) if (buffer.includes(folder)) return type;
  return null;
}

function isPlainText(buffer: Buffer): boolean {
  if (buffer.includes(0)) return false;
  const head = buffer.subarray(0, 512).toString('utf8').trimStart().toLowerCase();
  // Markup opened as text is harmless, but nothing that looks like a page is kept as "text".
  if (head.startsWith('<')) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(buffer);
    return true;
  } catch {
    return false;
  }
}

/** A file name safe to send back: no folders, no control characters, at most 120 characters. */
export function cleanFileName(raw: string, extension: string): string {
  const base = (raw.split(/[\\/]/).pop() ?? '')
    // biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point
    .replace(/[\u0000-\u001f\u007f"<>|:*?]/g, '')
    .trim()
    .slice(0, 120);
  const stem = base.replace(/\.[^.]*$/, '') || 'file';
  return `${stem}.${extension}`;
}
