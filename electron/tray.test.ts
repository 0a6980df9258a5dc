import { EventEmitter } from 'node:events';
import { inflateSync } from 'node:zlib';
import type { Menu, MenuItemConstructorOptions, NativeImage, Tray } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import type { ShellState, UpdateStatus } from '../shared/ipc/contract';
import { createTrayController, trayMenuTemplate, trayTooltip, type TrayView } from './tray';
import { LINE_COLORS, trayIconPixels, trayIconPng } from './trayIcon';

vi.mock('electron', () => ({}));

const idleUpdate: UpdateStatus = { phase: 'idle', version: null, percent: null, message: '' };
const readyUpdate: UpdateStatus = { phase: 'ready', version: '1.2.0', percent: 100, message: '' };
const online: ShellState = { line: 'online', lineLabel: 'En línea', queuedForms: 3, inCall: false };

const actions = () => ({ open: vi.fn(), setStartAtLogin: vi.fn(), installUpdate: vi.fn(), quit: vi.fn() });
const view = (over: Partial<TrayView> = {}): TrayView => ({
  shell: online,
  update: idleUpdate,
  startAtLogin: false,
  ...over,
});
const byId = (items: MenuItemConstructorOptions[], id: string) => items.find((i) => i.id === id);
const click = (item: MenuItemConstructorOptions | undefined, checked = false) =>
  (item!.click as (i: { checked: boolean }) => void)({ checked });

describe('tray menu', () => {
  it('shows abrir, the line state, the queue size and salir', () => {
    const items = trayMenuTemplate(view(), actions());
    expect(items.filter((i) => i.type !== 'separator').map((i) => i.label)).toEqual([
      'Abrir Companion',
      'Línea: En línea',
      'Formularios en cola: 3',
      'Iniciar con Windows',
      'Salir',
    ]);
    expect(byId(items, 'line')!.enabled).toBe(false);
    expect(byId(items, 'queue')!.enabled).toBe(false);
  });

  it('follows the line and the queue as they change', () => {
    const items = trayMenuTemplate(
      view({
        shell: {
          line: 'offline',
          lineLabel: 'Sin conexión — reintentando en 4 s',
          queuedForms: 0,
          inCall: false,
        },
      }),
      actions(),
    );
    expect(byId(items, 'line')!.label).toBe('Línea: Sin conexión — reintentando en 4 s');
    expect(byId(items, 'queue')!.label).toBe('Formularios en cola: 0');
    expect(trayMenuTemplate(view({ shell: null }), actions()).find((i) => i.id === 'line')!.label).toBe(
      'Línea: cargando…',
    );
  });

  it('offers a ready update, but not during a call', () => {
    const a = actions();
    const ready = trayMenuTemplate(view({ update: readyUpdate }), a);
    expect(byId(ready, 'update')).toMatchObject({
      label: 'Instalar actualización 1.2.0 y reiniciar',
      enabled: true,
    });
    click(byId(ready, 'update'));
    expect(a.installUpdate).toHaveBeenCalled();
    const inCall = trayMenuTemplate(view({ update: readyUpdate, shell: { ...online, inCall: true } }), a);
    expect(byId(inCall, 'update')).toMatchObject({ enabled: false });
    expect(byId(inCall, 'update')!.label).toMatch(/después de la llamada/);
    expect(byId(trayMenuTemplate(view(), a), 'update')).toBeUndefined();
  });

  it('wires abrir, start at login and salir', () => {
    const a = actions();
    const items = trayMenuTemplate(view({ startAtLogin: true }), a);
    expect(byId(items, 'start-at-login')).toMatchObject({ type: 'checkbox', checked: true });
    click(byId(items, 'start-at-login'), false);
    expect(a.setStartAtLogin).toHaveBeenCalledWith(false);
    click(byId(items, 'open'));
    expect(a.open).toHaveBeenCalled();
    click(byId(items, 'quit'));
    expect(a.quit).toHaveBeenCalled();
  });

  it('tooltip says the line, the queue and a call', () => {
    expect(trayTooltip(view())).toBe('Companion — En línea — 3 formularios en cola');
    expect(trayTooltip(view({ shell: { ...online, queuedForms: 1, inCall: true } }))).toBe(
      'Companion — En línea — 1 formulario en cola — en llamada',
    );
  });
});

describe('tray controller', () => {
  function setup() {
    const tray = Object.assign(new EventEmitter(), {
      setToolTip: vi.fn(),
      setContextMenu: vi.fn(),
      setImage: vi.fn(),
      destroy: vi.fn(),
    });
    const images: string[] = [];
    const ports = {
      createTray: vi.fn(() => tray as unknown as Tray),
      buildMenu: vi.fn((template: MenuItemConstructorOptions[]) => template as unknown as Menu),
      imageFromPng: vi.fn((png: Buffer) => {
        images.push(png.toString('base64'));
        return png as unknown as NativeImage;
      }),
    };
    const a = actions();
    const controller = createTrayController(ports, a, view({ shell: null }));
    return { tray, ports, controller, a, images };
  }

  it('redraws menu and tooltip on every change, and the icon only when the line or queue changes', () => {
    const { tray, controller, ports } = setup();
    expect(ports.createTray).toHaveBeenCalledTimes(1);
    controller.update(view());
    expect(tray.setImage).toHaveBeenCalledTimes(1);
    controller.update(view({ shell: { ...online, queuedForms: 5 } }));
    expect(tray.setImage).toHaveBeenCalledTimes(1);
    controller.update(view({ shell: { ...online, line: 'offline' } }));
    expect(tray.setImage).toHaveBeenCalledTimes(2);
    const lastMenu = tray.setContextMenu.mock.calls.at(-1)![0] as MenuItemConstructorOptions[];
    expect(byId(lastMenu, 'queue')!.label).toBe('Formularios en cola: 3');
    expect(tray.setToolTip).toHaveBeenLastCalledWith('Companion — En línea — 3 formularios en cola');
  });

  it('a left click opens the app', () => {
    const { tray, a } = setup();
    tray.emit('click');
    expect(a.open).toHaveBeenCalled();
  });
});

describe('tray icon', () => {
  it('is a valid PNG of the asked size', () => {
    const png = trayIconPng(16, 'online', false);
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect(png.readUInt32BE(16)).toBe(16);
    expect(png.readUInt32BE(20)).toBe(16);
    const idatStart = png.indexOf('IDAT') + 4;
    const idatLength = png.readUInt32BE(idatStart - 8);
    expect(inflateSync(png.subarray(idatStart, idatStart + idatLength))).toHaveLength((16 * 4 + 1) * 16);
  });

  it("is the line's colour in the middle, transparent in the corners, with a queue dot when forms wait", () => {
    const center = (p: Uint8Array, size: number) => {
      const i = ((size / 2) * size + size / 2 + 2) * 4;
      return [p[i], p[i + 1], p[i + 2], p[i + 3]];
    };
    for (const line of ['online', 'offline', 'connecting', 'idle'] as const) {
      const pixels = trayIconPixels(32, line, false);
      expect(center(pixels, 32)).toEqual([...LINE_COLORS[line], 255]);
      expect(pixels[3]).toBe(0);
    }
    const withQueue = trayIconPixels(32, 'online', true);
    const withoutQueue = trayIconPixels(32, 'online', false);
    const dot = (4 * 32 + 25) * 4;
    expect([withQueue[dot], withQueue[dot + 1], withQueue[dot + 2]]).toEqual([21, 101, 192]);
    expect([withoutQueue[dot], withoutQueue[dot + 1], withoutQueue[dot + 2]]).not.toEqual([21, 101, 192]);
  });
});
