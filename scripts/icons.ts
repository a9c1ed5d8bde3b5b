/**
 * npm run icons — draws the Teams app icons into manifest/ (the PNGs are committed).
 *
 * color.png   192×192, the accent colour (#1F6F5C) edge to edge with a white glyph: a contract
 *             (a page with a folded corner and text lines) and a check mark in a round badge.
 * outline.png 32×32, the same glyph as white strokes on a fully transparent background; every pixel
 *             is white and only its alpha varies (what Teams requires of the outline icon).
 *
 * Shapes are described in a 0–1 coordinate space and rasterised with 8×8 supersampling per pixel,
 * which gives clean anti-aliased edges without a vector renderer. The output is deterministic.
 */
import fs from 'node:fs';
import { PNG } from 'pngjs';
import { fromRoot } from '../src/util/paths';

type Point = readonly [number, number];
/** True when (x, y) in 0–1 icon coordinates lies inside the shape. */
type Shape = (x: number, y: number) => boolean;
type Rgb = readonly [number, number, number];
/** A layer paints its shape with a colour, or with null to clear what is below (a gap). */
interface Layer {
  shape: Shape;
  color: Rgb | null;
}

export const ACCENT: Rgb = [0x1f, 0x6f, 0x5c];
const WHITE: Rgb = [255, 255, 255];

function segmentDistance(x: number, y: number, [ax, ay]: Point, [bx, by]: Point): number {
  const dx = bx - ax;
  const dy = by - ay;
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / len2));
  return Math.hypot(x - (ax + t * dx), y - (ay + t * dy));
}

/** A line through the points with round caps and joins, width w. */
const stroke = (points: Point[], w: number, closed = false): Shape => {
  const segs: [Point, Point][] = points.slice(1).map((p, i) => [points[i], p]);
  if (closed) segs.push([points[points.length - 1], points[0]]);
  return (x, y) => segs.some(([a, b]) => segmentDistance(x, y, a, b) <= w / 2);
};

/** Even-odd fill of a polygon. */
const polygon = (points: Point[]): Shape => (x, y) => {
  let inside = false;
  for (let i = 0, j = points.length - 1; i < points.length; j = i++) {
    const [xi, yi] = points[i];
    const [xj, yj] = points[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
};

const circle = (cx: number, cy: number, r: number): Shape => (x, y) => Math.hypot(x - cx, y - cy) <= r;

/** A page with rounded corners and its top-right corner folded over (cut off along a diagonal). */
function page(x0: number, y0: number, x1: number, y1: number, r: number, fold: number): Shape {
  const body: Shape = (x, y) => {
    if (x < x0 || x > x1 || y < y0 || y > y1) return false;
    const cx = Math.min(Math.max(x, x0 + r), x1 - r);
    const cy = Math.min(Math.max(y, y0 + r), y1 - r);
    return Math.hypot(x - cx, y - cy) <= r;
  };
  // Points beyond the fold's diagonal are not part of the page.
  return (x, y) => body(x, y) && (x1 - x) + (y - y0) >= fold;
}

/**
 * Rasterises the layers onto a size×size image. `zoom` and `shift` place the glyph: a sample at
 * (x, y) looks up the shapes at 0.5 + (x − 0.5) / zoom − shift, so zoom < 1 shrinks the glyph about
 * the centre and shift moves it (both in 0–1 units).
 */
function render(size: number, layers: Layer[], background: Rgb | null, zoom = 1, shift: Point = [0, 0]): PNG {
  const png = new PNG({ width: size, height: size });
  const ss = 8;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let sy = 0; sy < ss; sy++) {
        for (let sx = 0; sx < ss; sx++) {
          const x = 0.5 + ((px + (sx + 0.5) / ss) / size - 0.5) / zoom - shift[0];
          const y = 0.5 + ((py + (sy + 0.5) / ss) / size - 0.5) / zoom - shift[1];
          let color: Rgb | null = background;
          for (const layer of layers) if (layer.shape(x, y)) color = layer.color;
          if (color) {
            r += color[0];
            g += color[1];
            b += color[2];
            a += 1;
          }
        }
      }
      const i = (py * size + px) * 4;
      const n = ss * ss;
      // Colour is averaged over the covered samples only, so edges blend through alpha, not through black.
      png.data[i] = a ? Math.round(r / a) : 255;
      png.data[i + 1] = a ? Math.round(g / a) : 255;
      png.data[i + 2] = a ? Math.round(b / a) : 255;
      png.data[i + 3] = Math.round((a / n) * 255);
    }
  }
  return png;
}

/** The full-colour icon: white page with accent-coloured text lines, and a check badge. */
export function drawColorIcon(): PNG {
  const badge = { cx: 0.66, cy: 0.69, r: 0.165 };
  const lines: Shape[] = [
    stroke([[0.345, 0.42], [0.56, 0.42]], 0.05),
    stroke([[0.345, 0.52], [0.56, 0.52]], 0.05),
    stroke([[0.345, 0.62], [0.46, 0.62]], 0.05),
  ];
  return render(
    192,
    [
      { shape: page(0.27, 0.17, 0.67, 0.83, 0.045, 0.13), color: WHITE },
      // The folded-over corner, drawn as a small triangle in a lighter accent tint.
      { shape: polygon([[0.54, 0.17], [0.54, 0.3], [0.67, 0.3]]), color: [0xc9, 0xe0, 0xd9] },
      ...lines.map((shape) => ({ shape, color: ACCENT })),
      // A ring in the background colour separates the badge from the page.
      { shape: circle(badge.cx, badge.cy, badge.r + 0.045), color: ACCENT },
      { shape: circle(badge.cx, badge.cy, badge.r), color: WHITE },
      { shape: stroke([[0.585, 0.695], [0.64, 0.75], [0.74, 0.64]], 0.05), color: ACCENT },
    ],
    ACCENT,
    // The glyph spans about 0.27–0.87 × 0.17–0.90; centre it and keep it inside Teams' safe area.
    0.86,
    [-0.07, -0.035],
  );
}

/**
 * The outline icon: the same glyph as 2 px white strokes, drawn in pixel units so that strokes sit on
 * whole pixels at 32×32 (sharp, not smeared), with a transparent gap around the badge.
 */
export function drawOutlineIcon(): PNG {
  const px = (v: number) => v / 32;
  const w = px(2);
  const [x0, y0, x1, y1, fold] = [px(5), px(4), px(20), px(27), px(6)];
  const outline: Point[] = [
    [x0, y0],
    [x1 - fold, y0],
    [x1, y0 + fold],
    [x1, y1],
    [x0, y1],
  ];
  const badge = { cx: px(21), cy: px(22), r: px(7) };
  return render(
    32,
    [
      { shape: stroke(outline, w, true), color: WHITE },
      { shape: stroke([[x1 - fold, y0], [x1 - fold, y0 + fold], [x1, y0 + fold]], w), color: WHITE },
      { shape: stroke([[px(9), px(13)], [px(16), px(13)]], w), color: WHITE },
      { shape: stroke([[px(9), px(18)], [px(12), px(18)]], w), color: WHITE },
      { shape: circle(badge.cx, badge.cy, badge.r + px(1.5)), color: null },
      { shape: circle(badge.cx, badge.cy, badge.r), color: WHITE },
      // The check mark is cut out of the filled badge.
      { shape: stroke([[px(17.5), px(22)], [px(20), px(24.5)], [px(24.5), px(20)]], w), color: null },
    ],
    null,
  );
}

export function writeIcons(dir = fromRoot('manifest')): string[] {
  const files = [
    { name: 'color.png', png: drawColorIcon(), colorType: 2 as const },
    { name: 'outline.png', png: drawOutlineIcon(), colorType: 6 as const },
  ];
  return files.map(({ name, png, colorType }) => {
    const file = `${dir}/${name}`;
    fs.writeFileSync(file, PNG.sync.write(png, { colorType }));
    return file;
  });
}

if (require.main === module) {
  for (const file of writeIcons()) console.log(`wrote ${file}`);
}
