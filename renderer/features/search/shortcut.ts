/**
 * The search box from anywhere: Ctrl+K. Free in Chromium and Electron on Windows (Chromium lets a
 * page take it from the address bar; Electron's default menu binds no Ctrl+K), beside the desk's
 * Alt+R (Nuevo requerimiento) and Alt+T (transfer). `aria` is written as aria-keyshortcuts wants it.
 */
export const SEARCH_SHORTCUT = { key: 'k', label: 'Ctrl+K', aria: 'Control+K' } as const;

export function isSearchShortcut(
  event: Pick<KeyboardEvent, 'ctrlKey' | 'altKey' | 'metaKey' | 'shiftKey' | 'code' | 'key'>,
): boolean {
  return (
    event.ctrlKey &&
    !event.altKey &&
    !event.metaKey &&
    !event.shiftKey &&
    (event.code === 'KeyK' || event.key.toLowerCase() === SEARCH_SHORTCUT.key)
  );
}
