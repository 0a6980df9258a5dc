// What the app mounts and creates from the back-office screens: cases of the procedures
// (shared/procedures) and the escalations inbox. The screens (lists, step forms, the BPMN viewer)
// are chunks of their own, loaded only when a back-office user opens them: the agent desk's first
// paint never carries them.
import { lazy } from 'react';

export { createCasesApi, type CasesApi } from './api';
export { EscalationCount } from './escalationCount';
export { canOpenCases, canOpenEscalations } from '../../../shared/procedures/roles';
export const LazyCasesScreen = lazy(() =>
  import('./CasesScreen').then((module) => ({ default: module.CasesScreen })),
);
export const LazyEscalationsScreen = lazy(() =>
  import('./EscalationsScreen').then((module) => ({ default: module.EscalationsScreen })),
);
