import { createCanvas, loadImage } from '@napi-rs/canvas';
import { createNote, readBoard } from '@paja/shared';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { exportBoard } from './exportBoard';
import { type DrawSvg, renderPng, STRIP_PIXELS } from './png';
import { parseScope } from './scope';
import { SAMPLE, sampleBoard } from './testBoard';

/** Every text of an SVG, and the ids of the notes it draws. */
function read(xml: string) {
  expect(XMLValidator.validate(xml)).toBe(true);
  expect(new XMLParser({ ignoreAttributes: false }).parse(xml)).toHaveProperty('svg');
  const texts = [...xml.matchAll(/<tspan[^>]*>([^<]*)<\/tspan>|<text[^>]*>([^<]*)<\/text>/g)]
    .map((m) => m[1] ?? m[2] ?? '')
    .join(' ');
  const notes = [...xml.matchAll(/id="note-([^"]+)"/g)].map((m) => m[1]);
  return { texts, notes };
}

describe('exports of a part of the board', () => {
  it('a cluster as SVG: its title and its notes, nothing else', async () => {
    const doc = sampleBoard('fi');
    const view = readBoard(doc);
    const topic = view.clusters.find((c) => c.title === 'Liikkuminen');
    if (!topic) throw new Error('sample has no topic');
    const file = await exportBoard(doc, 'svg', undefined, {
      scope: { kind: 'cluster', cluster: topic.id },
    });
    expect(file.filename).toMatch(/-topic\.svg$/);
    const { texts, notes } = read(file.bytes.toString('utf8'));
    expect(texts).toContain('Liikkuminen');
    expect(texts).toContain('Pyöräilyä');
    expect(texts).not.toContain('Sámegiella'); // in the other cluster
    expect(texts).not.toContain('Arki'); // the roadmap
    expect(notes.sort()).toEqual([...topic.members].sort());
  });

  it('the roadmap, and a selection, as SVG', async () => {
    const doc = sampleBoard('fi');
    const roadmap = read(
      (await exportBoard(doc, 'svg', undefined, { scope: { kind: 'roadmap' } })).bytes.toString(
        'utf8',
      ),
    );
    expect(roadmap.texts).toContain('Arki');
    expect(roadmap.texts).toContain('2030');
    expect(roadmap.texts).toContain(SAMPLE.noteB.split(' ')[0]);
    expect(roadmap.texts).not.toContain('Liikkuminen');
    expect(roadmap.notes).toHaveLength(1);

    const sami = readBoard(doc).notes.find((n) => n.text === SAMPLE.noteSami);
    const picked = read(
      (
        await exportBoard(doc, 'svg', undefined, {
          scope: { kind: 'selection', notes: [sami?.id ?? ''] },
        })
      ).bytes.toString('utf8'),
    );
    expect(picked.notes).toEqual([sami?.id]);
    expect(picked.texts).not.toContain('Kielet');
  });

  it('refuses scopes that are not one', () => {
    expect(parseScope(undefined)).toEqual({ kind: 'board' });
    expect(parseScope({ kind: 'cluster' })).toBeNull();
    expect(parseScope({ kind: 'selection', notes: [] })).toBeNull();
    expect(parseScope({ kind: 'selection', notes: ['<script>'] })).toBeNull();
    expect(parseScope({ kind: 'everything' })).toBeNull();
  });

  it('draws image items with their picture and description; link items with their address', async () => {
    const doc = sampleBoard('en');
    const picture = createCanvas(40, 20);
    picture.getContext('2d').fillRect(0, 0, 40, 20);
    const data = await picture.encode('png');
    const blob = 'AAAAAAAAAAAAAAAAAAAAAA';
    createNote(doc, {
      x: 0,
      y: 400,
      w: 200,
      h: 100,
      text: 'Map of the cycle paths',
      authorId: 'p1',
      authorName: 'Aino',
      media: { kind: 'image', blob, width: 40, height: 20 },
    });
    createNote(doc, {
      x: 300,
      y: 400,
      text: 'City plan',
      authorId: 'p1',
      authorName: 'Aino',
      media: { kind: 'link', url: 'https://www.jyvaskyla.fi/kaavoitus' },
    });
    const images = new Map([[blob, { mime: 'image/png', data }]]);
    const xml = (await exportBoard(doc, 'svg', undefined, { images })).bytes.toString('utf8');
    expect(xml).toContain(`href="data:image/png;base64,${data.toString('base64')}"`);
    expect(xml).toContain('<title>Map of the cycle paths</title>');
    expect(read(xml).texts).toContain('www.jyvaskyla.fi');
    const png = await exportBoard(doc, 'png', undefined, { images });
    expect((await loadImage(png.bytes)).width).toBeGreaterThan(800);
    // The PDF report holds the picture as a tagged figure with its description.
    const pdf = (await exportBoard(doc, 'pdf', undefined, { images })).bytes.toString('latin1');
    expect(pdf).toContain('/Figure');
    expect(pdf).toMatch(/\/Subtype \/Image/);
  });

  it('renders a board larger than one browser canvas at full size, in strips stitched into one PNG', async () => {
    const width = 5000;
    const height = 4000; // 20 Mpx: two strips of at most 16 Mpx
    const frames: number[] = [];
    const draw: DrawSvg = (frame = { x: -100, y: -50, w: width, h: height }) => {
      frames.push(frame.y);
      const svg = [
        `<svg xmlns="http://www.w3.org/2000/svg" width="${frame.w}" height="${frame.h}" viewBox="${frame.x} ${frame.y} ${frame.w} ${frame.h}">`,
        `<rect x="-100" y="-50" width="${width}" height="${height}" fill="#00ff00"/>`,
        `<rect x="-100" y="${height - 50 - 100}" width="${width}" height="100" fill="#ff0000"/>`,
        '</svg>',
      ].join('\n');
      return { svg, width: frame.w, height: frame.h };
    };
    const out = await renderPng(draw, { x: -100, y: -50, w: width, h: height });
    // Each strip asked for its own part of the board.
    expect(frames).toEqual([-50, -50 + Math.floor(STRIP_PIXELS / width)]);
    expect(out.scale).toBe(1);
    expect(out.strips).toBe(Math.ceil((width * height) / STRIP_PIXELS));
    // An independent reader (Skia, in @napi-rs/canvas) opens the stitched file whole.
    const image = await loadImage(out.png);
    expect([image.width, image.height]).toEqual([width, height]);
    const canvas = createCanvas(width, height);
    const context = canvas.getContext('2d');
    context.drawImage(image, 0, 0);
    expect([...context.getImageData(10, 10, 1, 1).data]).toEqual([0, 255, 0, 255]);
    expect([...context.getImageData(4000, height - 20, 1, 1).data]).toEqual([255, 0, 0, 255]);
    expect([...context.getImageData(4000, height - 120, 1, 1).data]).toEqual([0, 255, 0, 255]);
  });
});
