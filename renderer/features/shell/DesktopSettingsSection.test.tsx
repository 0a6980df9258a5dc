// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { DesktopSettings } from '../../../shared/ipc/contract';
import { DEFAULT_DESKTOP_SETTINGS } from '../../../test/fixtures/desktop';
import { DesktopSettingsSection } from './DesktopSettingsSection';

afterEach(cleanup);

const SETTINGS: DesktopSettings = DEFAULT_DESKTOP_SETTINGS;

describe('desktop settings section', () => {
  it('is absent in web mode', () => {
    const { container } = render(<DesktopSettingsSection port={null} />);
    expect(container.textContent).toBe('');
  });

  it('changes the shortcut and start with Windows, and says why a shortcut is refused', async () => {
    const user = userEvent.setup();
    const port = {
      desktopSettingsGet: vi.fn(async () => SETTINGS),
      desktopSettingsSet: vi.fn(async (patch: Partial<DesktopSettings>) => ({ ...SETTINGS, ...patch })),
    };
    render(<DesktopSettingsSection port={port} />);
    const input = await screen.findByLabelText('Atajo para traer el aviso de llamada');
    await user.clear(input);
    await user.type(input, 'Control+Alt+P');
    await user.click(screen.getByRole('button', { name: 'Guardar atajo' }));
    expect(port.desktopSettingsSet).toHaveBeenCalledWith({ popShortcut: 'Control+Alt+P' });
    expect((await screen.findByRole('status')).textContent).toBe('Atajo guardado.');

    await user.click(screen.getByLabelText('Iniciar con Windows (en la bandeja)'));
    expect(port.desktopSettingsSet).toHaveBeenLastCalledWith({ startAtLogin: true });

    port.desktopSettingsSet.mockRejectedValueOnce(
      new Error('El atajo necesita Control o Alt, para no quitarle teclas a otros programas.'),
    );
    await user.clear(input);
    await user.type(input, 'P');
    await user.click(screen.getByRole('button', { name: 'Guardar atajo' }));
    expect((await screen.findByText(/necesita Control o Alt/)).className).toBe('error');
  });
});
