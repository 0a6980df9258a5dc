// The pop window's page (Electron only): draws the card main sends and passes on three buttons.
// It starts no service and holds no call: the main window owns the line.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BRIDGE_KEY, type RendererBridge } from '../../shared/ipc/contract';
import { PopView } from './PopView';
import './pop.css';

const bridge = (window as unknown as Record<string, RendererBridge | undefined>)[BRIDGE_KEY];
const root = createRoot(document.getElementById('root')!);
root.render(
  <StrictMode>
    {bridge ? (
      <PopView bridge={bridge} />
    ) : (
      <p className="pop-missing">Esta ventana solo funciona dentro de Companion.</p>
    )}
  </StrictMode>,
);
