import { describe, expect, it } from 'vitest';
import { DEFAULT_CORS_ORIGINS, corsDecision } from './cors';
import { loadConfig } from './config';

describe('CORS origins', () => {
  it('allows the app’s own pages by default and nothing else', () => {
    expect(loadConfig({}).corsOrigins).toEqual(DEFAULT_CORS_ORIGINS);
    expect(corsDecision(DEFAULT_CORS_ORIGINS, 'http://127.0.0.1:5173')).toEqual({
      allowOrigin: 'http://127.0.0.1:5173',
      privateNetwork: false,
    });
    for (const foreign of [
      'https://evil.example',
      'http://127.0.0.1:5173.evil.example',
      'http://127.0.0.1:',
    ]) {
      expect(corsDecision(DEFAULT_CORS_ORIGINS, foreign), foreign).toBeNull();
    }
  });

  it('takes a configured list, where named origins may also get Private Network Access', () => {
    const config = loadConfig({ CORS_ORIGINS: 'https://companion.empresa.cl, http://10.1.1.5:*' });
    expect(corsDecision(config.corsOrigins, 'https://companion.empresa.cl')).toEqual({
      allowOrigin: 'https://companion.empresa.cl',
      privateNetwork: true,
    });
    expect(corsDecision(config.corsOrigins, 'http://10.1.1.5:8080')?.allowOrigin).toBe(
      'http://10.1.1.5:8080',
    );
    expect(corsDecision(config.corsOrigins, 'http://127.0.0.1:5173')).toBeNull();
    expect(corsDecision(['*'], 'https://any.example')).toEqual({ allowOrigin: '*', privateNetwork: false });
  });
});
