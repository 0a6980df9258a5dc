import type { Menu, MenuItemConstructorOptions, NativeImage, Tray } from 'electron';
import type { ShellState, UpdateStatus } from '../shared/ipc/contract';
import type { LineStatus } from '../shared/telephony/lineState';
import { trayIconPng } from './trayIcon';

/** What the tray shows: the main window's last report, the updater and the login option. */
export interface TrayView {
  shell: ShellState | null;
  update: UpdateStatus;
  startAtLogin: boolean;
}

export interface TrayActions {
  open(): void;
  setStartAtLogin(enabled: boolean): void;
  installUpdate(): void;
  quit(): void;
}

const formsLabel = (n: number) => (n === 1 ? '1 formulario en cola' : `${n} formularios en cola`);

/** Before the main window reports anything (it is still loading). */
const LOADING_LINE = 'Línea: cargando…';

export function trayTooltip(view: TrayView): string {
  if (!view.shell) return `Companion — ${LOADING_LINE}`;
  const parts = [`Companion — ${view.shell.lineLabel}`, formsLabel(view.shell.queuedForms)];
  if (view.shell.inCall) parts.push('en llamada');
  return parts.join(' — ');
}

/** The tray menu: abrir, estado de la línea, formularios en cola, (actualización), inicio, salir. */
export function trayMenuTemplate(view: TrayView, actions: TrayActions): MenuItemConstructorOptions[] {
  const items: MenuItemConstructorOptions[] = [
    { id: 'open', label: 'Abrir Companion', click: () => actions.open() },
    { type: 'separator' },
    {
      id: 'line',
      label: view.shell ? `Línea: ${view.shell.lineLabel}` : LOADING_LINE,
      enabled: false,
    },
    {
      id: 'queue',
      label: view.shell ? `Formularios en cola: ${view.shell.queuedForms}` : 'Formularios en cola: —',
      enabled: false,
    },
  ];
  if (view.update.phase === 'ready') {
    const inCall = view.shell?.inCall ?? false;
    items.push(
      { type: 'separator' },
      {
        id: 'update',
        label: inCall
          ? `Actualización ${view.update.version ?? ''} lista (se instala después de la llamada)`
          : `Instalar actualización ${view.update.version ?? ''} y reiniciar`,
        enabled: !inCall,
        click: () => actions.installUpdate(),
      },
    );
  }
  items.push(
    { type: 'separator' },
    {
      id: 'start-at-login',
      label: 'Iniciar con Windows',
      type: 'checkbox',
      checked: view.startAtLogin,
      click: (item) => actions.setStartAtLogin(item.checked),
    },
    { type: 'separator' },
    { id: 'quit', label: 'Salir', click: () => actions.quit() },
  );
  return items;
}

export interface TrayPorts {
  createTray(image: NativeImage): Tray;
  buildMenu(template: MenuItemConstructorOptions[]): Menu;
  imageFromPng(png1x: Buffer, png2x: Buffer): NativeImage;
}

export interface TrayController {
  update(view: TrayView): void;
  destroy(): void;
}

export function createTrayController(
  ports: TrayPorts,
  actions: TrayActions,
  initial: TrayView,
): TrayController {
  const iconKey = (view: TrayView) => `${view.shell?.line ?? 'idle'}:${(view.shell?.queuedForms ?? 0) > 0}`;
  const icon = (view: TrayView) => {
    const line: LineStatus = view.shell?.line ?? 'idle';
    const queued = (view.shell?.queuedForms ?? 0) > 0;
    return ports.imageFromPng(trayIconPng(16, line, queued), trayIconPng(32, line, queued));
  };
  const tray = ports.createTray(icon(initial));
  let lastIcon = iconKey(initial);
  // Windows: a left click opens the app; the menu is on the right click.
  tray.on('click', () => actions.open());
  const render = (view: TrayView) => {
    tray.setToolTip(trayTooltip(view));
    tray.setContextMenu(ports.buildMenu(trayMenuTemplate(view, actions)));
  };
  render(initial);
  return {
    update(view) {
      const key = iconKey(view);
      if (key !== lastIcon) {
        tray.setImage(icon(view));
        lastIcon = key;
      }
      render(view);
    },
    destroy: () => tray.destroy(),
  };
}
