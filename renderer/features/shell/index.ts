// The desktop around the main window: pop window and tray (Electron), notification and tab title
// (web mode), "Copiar diagnóstico" and the update banner.
export {
  startDesktopShell,
  type DesktopShell,
  type DesktopShellDeps,
  type ShellCommands,
} from './desktopShell';
export { createWebAttention, type WebAttention } from './webAttention';
export { copyDiagnostic, diagnosticFacts, type DiagnosticPorts } from './diagnostic';
export { popCardFor, shellStateFor, type PopSource } from './popCard';
export { CopyDiagnosticButton } from './CopyDiagnosticButton';
export { UpdateBanner, type UpdatePort } from './UpdateBanner';
export { DesktopSettingsSection, type DesktopSettingsPort } from './DesktopSettingsSection';
