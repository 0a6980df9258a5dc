// What the app mounts and creates from the board. The screen (charts, tables) is its own chunk,
// loaded only when a supervisor opens it: the agent desk's first paint never carries it.
import { lazy } from 'react';

export { createBoardServices, type BoardServices } from './services';
export { canOpenBoard } from '../../../shared/board/access';
export const LazyBoardScreen = lazy(() =>
  import('./BoardScreen').then((module) => ({ default: module.BoardScreen })),
);
