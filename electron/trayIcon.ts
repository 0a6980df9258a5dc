import { deflateSync } from 'node:zlib';
import type { LineStatus } from '../shared/telephony/lineState';

/**
 * Tray icons drawn in code (no image files to ship or lose): a lamp in the line's colour, with a
 * blue dot when forms wait in the queue. Encoded as PNG for nativeImage.
 */
export const LINE_COLORS: Readonly<Record<LineStatus, readonly [number, number, number]>> = {
  online: [46, 125, 50],
  connecting: [249, 168, 37],
  offline: [198, 40, 40],
  rejected: [198, 40, 40],
  idle: [117, 117, 117],
};
const QUEUE_DOT: readonly [number, number, number] = [21, 101, 192];

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = CRC_TABLE[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const typeAndData = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData));
  return Buffer.concat([length, typeAndData, crc]);
}

/** RGBA pixels → PNG file bytes. */
export function encodePng(width: number, height: number, rgba: Uint8Array): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  const rows = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) {
    rows[y * (width * 4 + 1)] = 0; // no filter
    Buffer.from(rgba.buffer, rgba.byteOffset + y * width * 4, width * 4).copy(rows, y * (width * 4 + 1) + 1);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Share of a pixel inside a circle, 4×4 samples: smooth edges at 16 px. */
function coverage(px: number, py: number, cx: number, cy: number, r: number): number {
  let inside = 0;
  for (let sy = 0; sy < 4; sy++) {
    for (let sx = 0; sx < 4; sx++) {
      const dx = px + (sx + 0.5) / 4 - cx;
      const dy = py + (sy + 0.5) / 4 - cy;
      if (dx * dx + dy * dy <= r * r) inside++;
    }
  }
  return inside / 16;
}

/** RGBA pixels of the tray icon at `size` px. */
export function trayIconPixels(size: number, line: LineStatus, queued: boolean): Uint8Array {
  const pixels = new Uint8Array(size * size * 4);
  const [r, g, b] = LINE_COLORS[line];
  const c = size / 2;
  const dot = { cx: size * 0.74, cy: size * 0.26, r: size * 0.2 };
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const i = (y * size + x) * 4;
      const lamp = coverage(x, y, c, c, size * 0.44);
      const highlight = coverage(x, y, c - size * 0.12, c - size * 0.12, size * 0.1);
      let color: readonly number[] = [r, g, b];
      let alpha = lamp;
      if (highlight > 0) color = color.map((v) => Math.round(v + (255 - v) * 0.45 * highlight));
      if (queued) {
        const ring = coverage(x, y, dot.cx, dot.cy, dot.r + size * 0.06);
        const inner = coverage(x, y, dot.cx, dot.cy, dot.r);
        if (ring > 0) {
          // White ring around the blue dot so it reads on the lamp and on the taskbar.
          color = color.map((v) => Math.round(v * (1 - ring) + 255 * ring));
          color = color.map((v, k) => Math.round(v * (1 - inner) + QUEUE_DOT[k]! * inner));
          alpha = Math.max(alpha, ring);
        }
      }
      pixels[i] = color[0]!;
      pixels[i + 1] = color[1]!;
      pixels[i + 2] = color[2]!;
      pixels[i + 3] = Math.round(alpha * 255);
    }
  }
  return pixels;
}

export function trayIconPng(size: number, line: LineStatus, queued: boolean): Buffer {
  return encodePng(size, size, trayIconPixels(size, line, queued));
}
