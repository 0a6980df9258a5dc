/**
 * Where the pop window appears. It remembers one place per display (as an offset from that
 * display's work area, so rearranging monitors does not throw it off), appears on the display the
 * agent is working on (the one under the mouse), and is always clamped inside that display's work
 * area: after a monitor is unplugged or a resolution changes it can never open off-screen.
 */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface DisplayInfo {
  id: number;
  bounds: Rect;
  /** The display minus the taskbar. */
  workArea: Rect;
}

/** Offset of the window's top-left corner from the work area's. */
export interface SavedPlace {
  dx: number;
  dy: number;
}

export type SavedPlaces = Record<string, SavedPlace>;

/** Gap from the work area's corner for a first appearance (bottom right, above the tray). */
export const POP_MARGIN = 16;

/** A display is the same one when its id and its resolution are: a new monitor gets a fresh place. */
export function displayKey(display: DisplayInfo): string {
  return `${display.id}:${display.bounds.width}x${display.bounds.height}`;
}

function overlapArea(a: Rect, b: Rect): number {
  const width = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const height = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return width > 0 && height > 0 ? width * height : 0;
}

/** The display showing most of the rectangle (the first one when it is off every display). */
export function displayForRect(rect: Rect, displays: readonly DisplayInfo[]): DisplayInfo | null {
  let best: DisplayInfo | null = null;
  let bestArea = -1;
  for (const display of displays) {
    const area = overlapArea(rect, display.bounds);
    if (area > bestArea) {
      best = display;
      bestArea = area;
    }
  }
  return best;
}

export function displayAtPoint(
  point: { x: number; y: number },
  displays: readonly DisplayInfo[],
): DisplayInfo | null {
  const inside = displays.find(
    (d) =>
      point.x >= d.bounds.x &&
      point.x < d.bounds.x + d.bounds.width &&
      point.y >= d.bounds.y &&
      point.y < d.bounds.y + d.bounds.height,
  );
  return inside ?? displays[0] ?? null;
}

/** Moves (never resizes) the window so all of it lies in the work area; top-left wins if too big. */
export function clampToWorkArea(rect: Rect, workArea: Rect): Rect {
  const maxX = workArea.x + workArea.width - rect.width;
  const maxY = workArea.y + workArea.height - rect.height;
  return {
    ...rect,
    x: Math.round(Math.max(workArea.x, Math.min(rect.x, maxX))),
    y: Math.round(Math.max(workArea.y, Math.min(rect.y, maxY))),
  };
}

/** Where the pop window goes on `display`: its saved place there, else the bottom-right corner. */
export function placePop(
  size: { width: number; height: number },
  display: DisplayInfo,
  saved: SavedPlaces,
): Rect {
  const { workArea } = display;
  const place = saved[displayKey(display)];
  const x = place ? workArea.x + place.dx : workArea.x + workArea.width - size.width - POP_MARGIN;
  const y = place ? workArea.y + place.dy : workArea.y + workArea.height - size.height - POP_MARGIN;
  return clampToWorkArea({ x, y, width: size.width, height: size.height }, workArea);
}

/** After the agent moved the window: the place to remember, on the display showing most of it. */
export function rememberPlace(
  bounds: Rect,
  displays: readonly DisplayInfo[],
): { key: string; place: SavedPlace } | null {
  const display = displayForRect(bounds, displays);
  if (!display) return null;
  const clamped = clampToWorkArea(bounds, display.workArea);
  return {
    key: displayKey(display),
    place: { dx: clamped.x - display.workArea.x, dy: clamped.y - display.workArea.y },
  };
}
