import { describe, expect, it } from 'vitest';
import { demoBuild, demoDataWanted } from './demoMode';

describe('demo mode', () => {
  it('npm run web without a back office shows the sample desk', () => {
    expect(demoDataWanted('auto', 'web', {})).toBe(true);
  });

  it('never over a real back office unless asked, and never in a production Electron build', () => {
    expect(demoDataWanted('auto', 'web', { serverUrl: 'https://central.example' })).toBe(false);
    expect(demoDataWanted('auto', 'web', { serverUrl: 'https://central.example', demo: '1' })).toBe(true);
    expect(demoDataWanted('off', 'electron', {})).toBe(false);
    expect(demoDataWanted('off', 'web', { demo: '1' })).toBe(false);
    expect(demoBuild(undefined)).toBe('off');
  });

  it('COMPANION_DEMO=0 turns it off; a build made with COMPANION_DEMO=1 has it on', () => {
    expect(demoDataWanted('auto', 'web', { demo: '0' })).toBe(false);
    expect(demoDataWanted('on', 'electron', {})).toBe(true);
    expect(demoDataWanted('on', 'web', { demo: '0' })).toBe(false);
  });
});
