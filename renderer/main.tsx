import { StrictMode } from 'react';
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import { DeskFrame, type DeskFrameState } from './app/DeskFrame';
import './styles.css';

// First paint: the desk's frame (React and one small component). Everything the app runs is made
// and started by renderer/app/desk.tsx → services.ts (read those first), a chunk fetched at once.
const root = createRoot(document.getElementById('root')!);

const showFrame = (state: DeskFrameState) =>
  // Synchronously: the frame is in the DOM before the desk's chunk can arrive and run.
  flushSync(() =>
    root.render(
      <StrictMode>
        <DeskFrame state={state} onRetry={() => window.location.reload()} />
      </StrictMode>,
    ),
  );

// Fetched at once (its chunks come in while the frame is drawn); runs once the frame is in the DOM.
const desk = import('./app/desk');
showFrame('loading');
desk.then(
  ({ runDesk }) => runDesk(root),
  (error: unknown) => {
    console.error('desk chunk not loaded', error);
    showFrame('failed');
  },
);
