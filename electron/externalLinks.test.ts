import { describe, expect, it, vi } from 'vitest';
import { createExternalOpener } from './externalLinks';
import { createLogger } from './logger';

vi.mock('electron', () => ({}));

// The allow-list rule itself is shared with the renderer: shared/security/externalLinks.test.ts.
describe('createExternalOpener', () => {
  it('calls openExternal only for allowed links and logs refusals', async () => {
    const lines: string[] = [];
    const logger = createLogger({ filePath: null, stderr: { write: (s: string) => lines.push(s) } });
    const openExternal = vi.fn(async () => undefined);
    const opener = createExternalOpener({
      allowList: () => ['https://www.sec.cl/'],
      openInBrowser: openExternal,
      logger,
    });
    expect(opener.open('https://www.sec.cl/x')).toBe(true);
    expect(opener.open('https://evil.example/')).toBe(false);
    expect(openExternal).toHaveBeenCalledTimes(1);
    expect(openExternal).toHaveBeenCalledWith('https://www.sec.cl/x');
    expect(lines.join('')).toContain('external link blocked');
  });
});
