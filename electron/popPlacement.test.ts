import { describe, expect, it } from 'vitest';
import {
  clampToWorkArea,
  displayAtPoint,
  displayKey,
  placePop,
  POP_MARGIN,
  rememberPlace,
  type DisplayInfo,
} from './popPlacement';

const size = { width: 400, height: 260 };
// A laptop (1366×768, taskbar 40 px at the bottom) and a 1920×1080 monitor to its right.
const laptop: DisplayInfo = {
  id: 1,
  bounds: { x: 0, y: 0, width: 1366, height: 768 },
  workArea: { x: 0, y: 0, width: 1366, height: 728 },
};
const monitor: DisplayInfo = {
  id: 2,
  bounds: { x: 1366, y: 0, width: 1920, height: 1080 },
  workArea: { x: 1366, y: 0, width: 1920, height: 1040 },
};

const inside = (rect: { x: number; y: number; width: number; height: number }, d: DisplayInfo) =>
  rect.x >= d.workArea.x &&
  rect.y >= d.workArea.y &&
  rect.x + rect.width <= d.workArea.x + d.workArea.width &&
  rect.y + rect.height <= d.workArea.y + d.workArea.height;

describe('placePop', () => {
  it('first appears in the bottom-right corner of the work area, above the taskbar', () => {
    expect(placePop(size, laptop, {})).toEqual({
      x: 1366 - 400 - POP_MARGIN,
      y: 728 - 260 - POP_MARGIN,
      ...size,
    });
  });

  it('remembers one place per display', () => {
    const onMonitor = rememberPlace({ x: 1366 + 100, y: 50, ...size }, [laptop, monitor])!;
    const onLaptop = rememberPlace({ x: 20, y: 30, ...size }, [laptop, monitor])!;
    const saved = { [onMonitor.key]: onMonitor.place, [onLaptop.key]: onLaptop.place };
    expect(placePop(size, monitor, saved)).toEqual({ x: 1466, y: 50, ...size });
    expect(placePop(size, laptop, saved)).toEqual({ x: 20, y: 30, ...size });
  });

  it('keeps its place when the monitors are rearranged (offset from the work area)', () => {
    const { key, place } = rememberPlace({ x: 1366 + 100, y: 50, ...size }, [laptop, monitor])!;
    const monitorNowLeft: DisplayInfo = {
      ...monitor,
      bounds: { ...monitor.bounds, x: -1920 },
      workArea: { ...monitor.workArea, x: -1920 },
    };
    expect(placePop(size, monitorNowLeft, { [key]: place })).toEqual({ x: -1820, y: 50, ...size });
  });

  it('never opens off-screen after the resolution drops', () => {
    const { key, place } = rememberPlace({ x: 1366 + 1500, y: 780, ...size }, [laptop, monitor])!;
    // Same monitor id, now 1280×720: a different key, so the corner default, inside the screen.
    const smaller: DisplayInfo = {
      id: 2,
      bounds: { x: 1366, y: 0, width: 1280, height: 720 },
      workArea: { x: 1366, y: 0, width: 1280, height: 680 },
    };
    const rect = placePop(size, smaller, { [key]: place });
    expect(inside(rect, smaller)).toBe(true);
    // Even a stale place under the same key is clamped inside.
    const stale = placePop(size, smaller, { [displayKey(smaller)]: place });
    expect(inside(stale, smaller)).toBe(true);
  });

  it('clamps a place saved on a monitor that was unplugged onto the one left', () => {
    const saved = { [displayKey(monitor)]: { dx: 1500, dy: 900 } };
    const rect = placePop(size, laptop, saved);
    expect(inside(rect, laptop)).toBe(true);
  });

  it('puts a window bigger than a tiny work area at its top-left corner', () => {
    const tiny: DisplayInfo = {
      id: 3,
      bounds: { x: 0, y: 0, width: 300, height: 200 },
      workArea: { x: 0, y: 0, width: 300, height: 200 },
    };
    expect(placePop(size, tiny, {})).toMatchObject({ x: 0, y: 0 });
  });
});

describe('rememberPlace', () => {
  it('files the place under the display showing most of the window, clamped', () => {
    // Dragged half off the right edge of the laptop, mostly on the laptop.
    const saved = rememberPlace({ x: 1100, y: -40, ...size }, [laptop, monitor])!;
    expect(saved.key).toBe(displayKey(laptop));
    expect(saved.place).toEqual({ dx: 1366 - 400, dy: 0 });
  });
});

describe('displayAtPoint / clampToWorkArea', () => {
  it('finds the display under the mouse, else the first', () => {
    expect(displayAtPoint({ x: 2000, y: 10 }, [laptop, monitor])).toBe(monitor);
    expect(displayAtPoint({ x: -5000, y: 10 }, [laptop, monitor])).toBe(laptop);
  });

  it('moves without resizing', () => {
    expect(clampToWorkArea({ x: -50, y: 900, ...size }, laptop.workArea)).toEqual({
      x: 0,
      y: 728 - 260,
      ...size,
    });
  });
});
