import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import type { UpdateStatus } from '../shared/ipc/contract';
import { createLogger } from './logger';
import {
  createUpdateController,
  FIRST_CHECK_DELAY_MS,
  IN_CALL_REASON,
  UPDATE_CHECK_INTERVAL_MS,
  type Scheduler,
  type UpdaterPort,
} from './updates';

vi.mock('electron', () => ({}));

function fakeUpdater() {
  return Object.assign(new EventEmitter(), {
    autoDownload: false,
    autoInstallOnAppQuit: true,
    allowDowngrade: true,
    logger: null,
    setFeedURL: vi.fn(),
    checkForUpdates: vi.fn(async () => null),
    quitAndInstall: vi.fn(),
  }) as EventEmitter &
    UpdaterPort & {
      setFeedURL: ReturnType<typeof vi.fn>;
      checkForUpdates: ReturnType<typeof vi.fn>;
      quitAndInstall: ReturnType<typeof vi.fn>;
    };
}

function setup(options: { url?: string | null; updater?: ReturnType<typeof fakeUpdater> | null } = {}) {
  const updater = options.updater === undefined ? fakeUpdater() : options.updater;
  let inCall = false;
  const statuses: UpdateStatus[] = [];
  const prepareToQuit = vi.fn();
  const timers: { kind: 'every' | 'after'; ms: number; task: () => void }[] = [];
  const scheduler: Scheduler = {
    every: (ms, task) => (timers.push({ kind: 'every', ms, task }), () => undefined),
    after: (ms, task) => (timers.push({ kind: 'after', ms, task }), () => undefined),
  };
  const controller = createUpdateController({
    updater,
    feedUrl: options.url === undefined ? 'https://updates.empresa.cl/companion/' : options.url,
    disabledReason: 'sin URL',
    isInCall: () => inCall,
    prepareToQuit,
    onStatus: (s) => statuses.push(s),
    logger: createLogger({ filePath: null, stderr: { write: () => true } }),
    scheduler,
  });
  return {
    controller,
    updater: updater!,
    statuses,
    prepareToQuit,
    timers,
    setInCall: (v: boolean) => (inCall = v),
  };
}

describe('updates', () => {
  it('use the generic provider at the operator URL, download in the background, never install on quit', () => {
    const { updater } = setup();
    expect(updater.setFeedURL).toHaveBeenCalledWith({
      provider: 'generic',
      url: 'https://updates.empresa.cl/companion/',
    });
    expect(updater.autoDownload).toBe(true);
    expect(updater.autoInstallOnAppQuit).toBe(false);
    expect(updater.allowDowngrade).toBe(false);
  });

  it('check a minute after start and every four hours', () => {
    const { controller, timers, updater } = setup();
    controller.start();
    expect(timers.map((t) => [t.kind, t.ms])).toEqual([
      ['after', FIRST_CHECK_DELAY_MS],
      ['every', UPDATE_CHECK_INTERVAL_MS],
    ]);
    timers[0]!.task();
    expect(updater.checkForUpdates).toHaveBeenCalledTimes(1);
  });

  it('report progress to the agent and are ready once downloaded', () => {
    const { controller, updater, statuses } = setup();
    updater.emit('checking-for-update');
    updater.emit('update-available', { version: '1.2.0' });
    updater.emit('download-progress', { percent: 41.6 });
    expect(controller.status()).toMatchObject({ phase: 'downloading', version: '1.2.0', percent: 42 });
    updater.emit('update-downloaded', { version: '1.2.0' });
    expect(controller.status()).toMatchObject({ phase: 'ready', version: '1.2.0' });
    expect(statuses.map((s) => s.phase)).toEqual(['checking', 'downloading', 'downloading', 'ready']);
  });

  it('are never installed during a call', () => {
    const { controller, updater, setInCall, prepareToQuit } = setup();
    updater.emit('update-downloaded', { version: '1.2.0' });
    setInCall(true);
    expect(controller.install()).toEqual({ started: false, reason: IN_CALL_REASON });
    expect(updater.quitAndInstall).not.toHaveBeenCalled();
    expect(prepareToQuit).not.toHaveBeenCalled();
    expect(controller.status().phase).toBe('ready');
  });

  it('install silently and restart when the agent agrees with no call on', () => {
    const { controller, updater, setInCall, prepareToQuit } = setup();
    updater.emit('update-downloaded', { version: '1.2.0' });
    setInCall(false);
    expect(controller.install()).toEqual({ started: true });
    expect(prepareToQuit).toHaveBeenCalled();
    expect(updater.quitAndInstall).toHaveBeenCalledWith(true, true);
    expect(controller.status().phase).toBe('installing');
  });

  it('refuse to install what was not downloaded', () => {
    const { controller, updater } = setup();
    expect(controller.install()).toMatchObject({ started: false });
    expect(updater.quitAndInstall).not.toHaveBeenCalled();
  });

  it('keep a downloaded update through a later failed check, and stop checking once ready', () => {
    const { controller, updater } = setup();
    updater.emit('update-downloaded', { version: '1.2.0' });
    updater.emit('error', new Error('ENOTFOUND'));
    expect(controller.status().phase).toBe('ready');
    controller.checkNow();
    expect(updater.checkForUpdates).not.toHaveBeenCalled();
  });

  it('say a failure in Spanish and try again later', () => {
    const { controller, updater } = setup();
    updater.emit('error', new Error('ENOTFOUND updates.empresa.cl'));
    expect(controller.status()).toMatchObject({ phase: 'error' });
    expect(controller.status().message).toMatch(/se reintentará/);
  });

  it('are off without an update URL, and say why', () => {
    const { controller, timers } = setup({ url: null });
    controller.start();
    expect(timers).toHaveLength(0);
    expect(controller.status()).toMatchObject({ phase: 'disabled', message: 'sin URL' });
    expect(controller.install()).toMatchObject({ started: false });
  });
});
