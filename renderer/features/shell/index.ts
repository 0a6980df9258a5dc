// The desktop around the main window: pop window and tray (Electron), notification and tab title
// (web mode), "Copiar diagnóstico" and the update banner. The composition root
// (renderer/app/services.ts) makes and starts the service; components get what they show as props.
export { createDesktopShell } from './desktopShell';
export { createWebAttention } from './webAttention';
export { copyDiagnostic, diagnosticFacts } from './diagnostic';
export { type PopSource } from './popCard';
export { CopyDiagnosticButton } from './CopyDiagnosticButton';
export { UpdateBanner } from './UpdateBanner';
export { DesktopSettingsSection } from './DesktopSettingsSection';
