// Is focus visible, on pixels: the neighbourhood of an element captured focused twice and
// unfocused once is compared. Pure: a minimal PNG decoder (the 8-bit RGB/RGBA, non-interlaced
// PNGs Chromium's Page.captureScreenshot writes; node:zlib inflates) and the comparison.
// Decoding in Node rather than on a canvas keeps the visited page out of it and needs no
// dependency. Thresholds follow WCAG 2.2's focus-appearance reasoning (2.4.11/2.4.13): an
// indicator covers at least the element's perimeter × 1 CSS px, in pixels whose colour
// contrasts 3:1 or more between the unfocused and the focused state.
import { inflateSync } from 'node:zlib';

export interface Image { width: number; height: number; /** RGBA, 4 bytes a pixel. */ data: Uint8Array }

const SIGNATURE = [137, 80, 78, 71, 13, 10, 26, 10];

export function decodePng(buf: Uint8Array): Image {
  if (buf.length < 8 || SIGNATURE.some((b, i) => buf[i] !== b)) throw new Error('not a PNG');
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  let width = 0, height = 0, colourType = 0;
  const idat: Uint8Array[] = [];
  for (let p = 8; p + 8 <= buf.length;) {
    const len = view.getUint32(p);
    const type = String.fromCharCode(buf[p + 4]!, buf[p + 5]!, buf[p + 6]!, buf[p + 7]!);
    const body = buf.subarray(p + 8, p + 8 + len);
    if (type === 'IHDR') {
      width = view.getUint32(p + 8);
      height = view.getUint32(p + 12);
      const depth = body[8], interlace = body[12];
      colourType = body[9]!;
      if (depth !== 8 || (colourType !== 2 && colourType !== 6) || interlace !== 0) throw new Error(`unsupported PNG (depth ${depth}, colour type ${colourType}, interlace ${interlace})`);
      if (width * height > 4_000_000) throw new Error('PNG too large');
    } else if (type === 'IDAT') idat.push(body);
    else if (type === 'IEND') break;
    p += 12 + len;
  }
  if (!width || !height) throw new Error('PNG without a header');
  const channels = colourType === 6 ? 4 : 3;
  const stride = width * channels;
  const raw = inflateSync(Buffer.concat(idat));
  if (raw.length < (stride + 1) * height) throw new Error('PNG data too short');
  const out = new Uint8Array(width * height * 4);
  let prev = new Uint8Array(stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    const cur = new Uint8Array(stride);
    for (let x = 0; x < stride; x++) {
      const a = x >= channels ? cur[x - channels]! : 0;
      const b = prev[x]!;
      const c = x >= channels ? prev[x - channels]! : 0;
      let v = line[x]!;
      if (filter === 1) v += a;
      else if (filter === 2) v += b;
      else if (filter === 3) v += (a + b) >> 1;
      else if (filter === 4) {
        const pa = Math.abs(b - c), pb = Math.abs(a - c), pc = Math.abs(a + b - 2 * c);
        v += pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      } else if (filter !== 0) throw new Error(`bad PNG filter ${filter}`);
      cur[x] = v & 255;
    }
    for (let x = 0; x < width; x++) {
      const o = (y * width + x) * 4;
      out[o] = cur[x * channels]!;
      out[o + 1] = cur[x * channels + 1]!;
      out[o + 2] = cur[x * channels + 2]!;
      out[o + 3] = channels === 4 ? cur[x * channels + 3]! : 255;
    }
    prev = cur;
  }
  return { width, height, data: out };
}

const channel = (v: number) => { const s = v / 255; return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4; };
const LUMINANCE = Array.from({ length: 256 }, (_, v) => channel(v));
const luminance = (d: Uint8Array, o: number) => 0.2126 * LUMINANCE[d[o]!]! + 0.7152 * LUMINANCE[d[o + 1]!]! + 0.0722 * LUMINANCE[d[o + 2]!]!;
export const contrastRatio = (l1: number, l2: number) => (Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05);

/** Colour difference under which two pixels are the same (PNG is lossless, but text antialiasing flickers). */
export const SAME_COLOUR = 12;
/** The contrast a changed pixel must reach between the two states to count towards an indicator. */
export const MIN_CONTRAST = 3;
/** Contrast ratios are computed from 8-bit colours: 3:1 exactly may come out at 2.999…. */
const CONTRAST_EPSILON = 0.005;
/** Unstable pixels (they changed between the two focused captures) beyond this share: the region is animated. */
export const MAX_UNSTABLE_SHARE = 0.02;

export interface FocusComparison {
  verdict: 'visible' | 'faint' | 'none' | 'unstable';
  changedArea: number;
  strongArea: number;
  requiredArea: number;
  unstableArea: number;
  maxContrast: number;
}

const differ = (a: Uint8Array, b: Uint8Array, o: number) =>
  Math.abs(a[o]! - b[o]!) > SAME_COLOUR || Math.abs(a[o + 1]! - b[o + 1]!) > SAME_COLOUR || Math.abs(a[o + 2]! - b[o + 2]!) > SAME_COLOUR;

/**
 * Compares an element's neighbourhood unfocused with two captures focused (taken before and
 * after it). Pixels that differ between the two focused captures are animation, not focus, and
 * are left out. `element` is the element's size in CSS px (device pixel ratio `dpr`).
 */
export function compareFocus(unfocused: Image, focused: Image, focusedAgain: Image, element: { width: number; height: number }, dpr = 1): FocusComparison {
  if (unfocused.width !== focused.width || unfocused.height !== focused.height || focusedAgain.width !== focused.width || focusedAgain.height !== focused.height) {
    throw new Error('captures of different sizes');
  }
  const requiredArea = Math.max(1, Math.round(2 * (element.width + element.height) * dpr * dpr));
  let changedArea = 0, strongArea = 0, unstableArea = 0, maxContrast = 1;
  const n = focused.width * focused.height;
  for (let i = 0; i < n; i++) {
    const o = i * 4;
    if (differ(focused.data, focusedAgain.data, o)) { unstableArea++; continue; }
    if (!differ(unfocused.data, focused.data, o)) continue;
    changedArea++;
    const ratio = contrastRatio(luminance(unfocused.data, o), luminance(focused.data, o));
    if (ratio > maxContrast) maxContrast = ratio;
    if (ratio >= MIN_CONTRAST - CONTRAST_EPSILON) strongArea++;
  }
  const base = { changedArea, strongArea, requiredArea, unstableArea, maxContrast: Math.round(maxContrast * 100) / 100 };
  if (strongArea >= requiredArea) return { verdict: 'visible', ...base };
  // A pulsing indicator or an animation nearby: nothing can be said for sure.
  if (unstableArea > n * MAX_UNSTABLE_SHARE || (changedArea === 0 && unstableArea > 0)) return { verdict: 'unstable', ...base };
  return { verdict: changedArea === 0 ? 'none' : 'faint', ...base };
}
