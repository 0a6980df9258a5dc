import { describe, expect, it, vi } from 'vitest';
import { CallRegistry } from '../call';
import type { LineSettings, LineSettingsStore } from '../settings';
import { LineController } from './lineController';
import type { CreateLine } from './telephonyAdapter';
import { FakeLine } from './testing/fakeLine';

const SETTINGS: LineSettings = {
  sipWs: 'ws://127.0.0.1:1',
  sipUri: 'sip:1001@companion.test',
  telecobranzasNumber: '26939901',
  ivrHeader: '',
  companionMode: false,
};

/** A load of SipLine (and sip.js) that the test finishes when it wants. */
function deferredLoad() {
  const lines: FakeLine[] = [];
  const waiting: Array<{ resolve: (f: CreateLine) => void; reject: (e: Error) => void }> = [];
  const asked = async () => {
    await vi.waitFor(() => {
      if (waiting.length === 0) throw new Error('the line has not asked for its code yet');
    });
    return waiting.shift()!;
  };
  const factory: CreateLine = (config, delegate) => {
    const line = new FakeLine(delegate, config);
    lines.push(line);
    return line;
  };
  return {
    lines,
    load: () => new Promise<CreateLine>((resolve, reject) => waiting.push({ resolve, reject })),
    /** Waits until the controller asks for the code (it reads the settings first), then answers. */
    finish: async () => (await asked()).resolve(factory),
    fail: async () => (await asked()).reject(new Error('chunk failed')),
    pending: () => waiting.length,
  };
}

function controller(load: () => Promise<CreateLine>) {
  const problems: Array<string | null> = [];
  const store = {
    load: async () => ({ settings: SETTINGS, password: 'secret' }),
    save: async () => {},
  } as unknown as LineSettingsStore;
  const line = new LineController({
    dispatch: ((action: { type: string; payload?: { problem?: string | null } }) => {
      if (action.type.endsWith('lineSettingsApplied')) problems.push(action.payload?.problem ?? null);
      return action;
    }) as never,
    settings: store,
    registry: new CallRegistry(),
    callLog: null,
    ringer: null,
    onIncomingCall: () => {},
    loadSipLine: load,
  });
  return { line, problems };
}

describe('LineController with sip.js loaded when the line first starts', () => {
  it('starts the line once its code has loaded, and loads it only once', async () => {
    const load = deferredLoad();
    const { line } = controller(load.load);
    const started = line.startSaved();
    await Promise.resolve();
    expect(line.current()).toBeNull();
    await load.finish();
    await started;
    expect(load.lines).toHaveLength(1);
    expect(load.lines[0]!.started).toBe(1);
    // Saving the settings again restarts the line without loading anything again.
    expect(await line.applySettings(SETTINGS, null)).toBeNull();
    expect(load.pending()).toBe(0);
    expect(load.lines).toHaveLength(2);
    await line.dispose();
  });

  it('a start overtaken by a newer one while loading gives up: one line runs, with the newer settings', async () => {
    const load = deferredLoad();
    const { line } = controller(load.load);
    const first = line.startSaved();
    const newer = { ...SETTINGS, sipUri: 'sip:1002@companion.test' };
    const second = line.applySettings(newer, 'other');
    await load.finish();
    await Promise.all([first, second]);
    expect(load.lines.map((l) => l.config.uri)).toEqual(['sip:1002@companion.test']);
    await line.dispose();
  });

  it('a start overtaken by dispose starts nothing', async () => {
    const load = deferredLoad();
    const { line } = controller(load.load);
    const started = line.startSaved();
    await vi.waitFor(() => expect(load.pending()).toBe(1));
    await line.dispose();
    await load.finish();
    await started;
    expect(load.lines).toEqual([]);
    expect(line.current()).toBeNull();
  });

  it('a failed load says so in Spanish, and the next start tries again', async () => {
    const load = deferredLoad();
    const { line, problems } = controller(load.load);
    const started = line.startSaved();
    await load.fail();
    await started;
    expect(problems.at(-1)).toMatch(/No se pudo cargar la telefonía/);
    expect(line.current()).toBeNull();
    const again = line.applySettings(SETTINGS, null);
    await load.finish();
    expect(await again).toBeNull();
    expect(load.lines).toHaveLength(1);
    expect(problems.at(-1)).toBeNull();
    await line.dispose();
  });
});
