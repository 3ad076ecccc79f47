import { Resvg } from '@resvg/resvg-js';
import { FONT_BOLD, FONT_REGULAR } from './fonts';
import { SVG_FONT_FAMILY, type SvgResult } from './svg';

/**
 * Browsers cap a canvas at about 16.7 million pixels and image viewers struggle past it, so a
 * board larger than that is scaled down to fit (never cut): the PNG is one image of the whole
 * board at a scale of at most 1. For a big board the SVG and the PDF keep full detail.
 */
export const PNG_MAX_PIXELS = 16_000_000;
export const PNG_MAX_SIDE = 16_384;

export function pngScale(width: number, height: number): number {
  return Math.min(
    1,
    Math.sqrt(PNG_MAX_PIXELS / (width * height)),
    PNG_MAX_SIDE / width,
    PNG_MAX_SIDE / height,
  );
}

/** Rasterises the board's SVG on the server with resvg (a native module from npm). */
export function renderPng(svg: SvgResult): { png: Buffer; scale: number } {
  const scale = pngScale(svg.width, svg.height);
  const resvg = new Resvg(svg.svg, {
    fitTo: { mode: 'width', value: Math.max(1, Math.floor(svg.width * scale)) },
    font: {
      fontFiles: [FONT_REGULAR, FONT_BOLD],
      loadSystemFonts: false,
      defaultFontFamily: SVG_FONT_FAMILY,
    },
  });
  return { png: resvg.render().asPng(), scale };
}
