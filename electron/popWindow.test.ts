import { EventEmitter } from 'node:events';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { BrowserWindow } from 'electron';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MAIN_EVENTS } from '../shared/ipc/contract';
import { openJsonStore } from './jsonStore';
import { createLogger } from './logger';
import type { DisplayInfo } from './popPlacement';
import { createPopWindowController, POP_SIZE, POP_WINDOW_OPTIONS, SAVED_PLACES_SCHEMA } from './popWindow';
import { samplePopCard } from '../test/fixtures/desktop';

vi.mock('electron', () => ({}));

class FakeWindow extends EventEmitter {
  visible = false;
  focused = false;
  bounds = { x: 0, y: 0, width: POP_SIZE.width, height: POP_SIZE.height };
  webContents = { send: vi.fn() };
  showInactive = vi.fn(() => (this.visible = true));
  show = vi.fn(() => (this.visible = true));
  focus = vi.fn(() => (this.focused = true));
  hide = vi.fn(() => (this.visible = false));
  flashFrame = vi.fn();
  setAlwaysOnTop = vi.fn();
  setBounds = vi.fn((b: typeof this.bounds) => (this.bounds = b));
  getBounds = () => this.bounds;
  isVisible = () => this.visible;
  isDestroyed = () => false;
}

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

const card = samplePopCard;

let dir: string;
let window: FakeWindow;
let displays: DisplayInfo[];
let cursor: { x: number; y: number };
let quitting: boolean;

async function setup() {
  const places = await openJsonStore(path.join(dir, 'pop-window.json'), SAVED_PLACES_SCHEMA, {});
  const logger = createLogger({ filePath: null, stderr: { write: () => true } });
  const pop = createPopWindowController({
    window: window as unknown as BrowserWindow,
    screen: { getAllDisplays: () => displays, getCursorScreenPoint: () => cursor },
    places,
    isQuitting: () => quitting,
    logger,
  });
  return { pop, places };
}

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'companion-pop-'));
  window = new FakeWindow();
  displays = [laptop, monitor];
  cursor = { x: 100, y: 100 };
  quitting = false;
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('pop window', () => {
  it('is made hidden, frameless and always on top', () => {
    expect(POP_WINDOW_OPTIONS).toMatchObject({
      show: false,
      alwaysOnTop: true,
      frame: false,
      skipTaskbar: false,
    });
  });

  it('shows a ringing call without taking focus, on top, flashing, and sends the card', async () => {
    const { pop } = await setup();
    pop.show(card());
    expect(window.showInactive).toHaveBeenCalledTimes(1);
    expect(window.show).not.toHaveBeenCalled();
    expect(window.focus).not.toHaveBeenCalled();
    expect(window.setAlwaysOnTop).toHaveBeenCalledWith(true, 'screen-saver');
    expect(window.flashFrame).toHaveBeenLastCalledWith(true);
    expect(window.webContents.send).toHaveBeenCalledWith(MAIN_EVENTS.popCard, card());
    expect(pop.current()).toEqual(card());
  });

  it('updates the card of the same call without moving or re-showing it; stops flashing once answered', async () => {
    const { pop } = await setup();
    pop.show(card());
    pop.show(card({ phase: 'active', canTransfer: true }));
    expect(window.showInactive).toHaveBeenCalledTimes(1);
    expect(window.setBounds).toHaveBeenCalledTimes(1);
    expect(window.flashFrame).toHaveBeenLastCalledWith(false);
    expect(window.webContents.send).toHaveBeenLastCalledWith(
      MAIN_EVENTS.popCard,
      card({ phase: 'active', canTransfer: true }),
    );
  });

  it('appears on the display under the mouse, in its bottom-right corner', async () => {
    const { pop } = await setup();
    cursor = { x: 2000, y: 500 };
    pop.show(card());
    expect(window.bounds).toEqual({
      x: 1366 + 1920 - POP_SIZE.width - 16,
      y: 1040 - POP_SIZE.height - 16,
      ...POP_SIZE,
    });
  });

  it('remembers where the agent put it on that display, on disk', async () => {
    const { pop, places } = await setup();
    pop.show(card());
    window.bounds = { x: 40, y: 60, ...POP_SIZE };
    window.emit('moved');
    await places.update((p) => p); // wait for the queued write
    pop.hide('call-1');
    pop.show(card({ callId: 'call-2' }));
    expect(window.bounds).toMatchObject({ x: 40, y: 60 });
    const onDisk = JSON.parse(await readFile(path.join(dir, 'pop-window.json'), 'utf8'));
    expect(onDisk).toEqual({ '1:1366x768': { dx: 40, dy: 60 } });
  });

  it('never opens off-screen after the monitor it was left on is unplugged', async () => {
    const { pop, places } = await setup();
    cursor = { x: 3000, y: 900 };
    pop.show(card());
    window.bounds = { x: 1366 + 1500, y: 760, ...POP_SIZE };
    window.emit('moved');
    await places.update((p) => p);
    pop.hide('call-1');
    displays = [laptop];
    pop.show(card({ callId: 'call-2' }));
    const b = window.bounds;
    expect(b.x).toBeGreaterThanOrEqual(0);
    expect(b.y).toBeGreaterThanOrEqual(0);
    expect(b.x + b.width).toBeLessThanOrEqual(1366);
    expect(b.y + b.height).toBeLessThanOrEqual(728);
  });

  it('hides only for the call it shows, and clears the card', async () => {
    const { pop } = await setup();
    pop.show(card());
    pop.hide('other-call');
    expect(window.visible).toBe(true);
    pop.hide('call-1');
    expect(window.visible).toBe(false);
    expect(window.flashFrame).toHaveBeenLastCalledWith(false);
    expect(window.webContents.send).toHaveBeenLastCalledWith(MAIN_EVENTS.popCard, null);
    expect(pop.current()).toBeNull();
  });

  it('the shortcut brings it to the front with focus, or says there is nothing to show', async () => {
    const { pop } = await setup();
    expect(pop.bringToFront()).toBe(false);
    pop.show(card());
    expect(pop.bringToFront()).toBe(true);
    expect(window.focus).toHaveBeenCalled();
  });

  it('Alt+F4 hides it instead of destroying it, except when quitting', async () => {
    await setup();
    const event = { preventDefault: vi.fn() };
    window.emit('close', event);
    expect(event.preventDefault).toHaveBeenCalled();
    expect(window.hide).toHaveBeenCalled();
    quitting = true;
    const quitEvent = { preventDefault: vi.fn() };
    window.emit('close', quitEvent);
    expect(quitEvent.preventDefault).not.toHaveBeenCalled();
  });

  it('"Ocultar" puts it away for this call; updates do not bring it back, the shortcut does', async () => {
    const { pop } = await setup();
    pop.show(card());
    pop.dismiss('call-1');
    expect(window.visible).toBe(false);
    pop.show(card({ phase: 'active' }));
    expect(window.visible).toBe(false);
    expect(pop.current()).toEqual(card({ phase: 'active' }));
    expect(pop.bringToFront()).toBe(true);
    expect(window.visible).toBe(true);
    pop.hide('call-1');
    pop.show(card({ callId: 'call-2' }));
    expect(window.showInactive).toHaveBeenCalledTimes(2);
  });

  it('focusing it stops the flash', async () => {
    const { pop } = await setup();
    pop.show(card());
    window.emit('focus');
    expect(window.flashFrame).toHaveBeenLastCalledWith(false);
  });
});
