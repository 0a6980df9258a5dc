import { describe, expect, it } from 'vitest';
import {
  CONTENT_SECURITY_POLICY,
  DEV_SERVER_CONTENT_SECURITY_POLICY,
  META_CONTENT_SECURITY_POLICY,
} from './csp';

function parse(policy: string): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const part of policy.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (!name) continue;
    expect(map.has(name), `directive ${name} repeated`).toBe(false);
    map.set(name, sources);
  }
  return map;
}

describe('CONTENT_SECURITY_POLICY', () => {
  const csp = parse(CONTENT_SECURITY_POLICY);

  it('never allows inline or eval code', () => {
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-inline|unsafe-eval|unsafe-hashes|wasm-unsafe-eval/);
    expect(META_CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-/);
  });

  it('falls back to nothing for unlisted resource types', () => {
    expect(csp.get('default-src')).toEqual(["'none'"]);
  });

  it('loads scripts and styles only from the app itself', () => {
    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect(csp.get('style-src')).toEqual(["'self'"]);
  });

  it('allows images, media (the SIP line) and workers the app creates', () => {
    expect(csp.get('img-src')).toEqual(["'self'", 'data:', 'blob:']);
    expect(csp.get('media-src')).toEqual(["'self'", 'blob:', 'mediastream:']);
    expect(csp.get('worker-src')).toEqual(["'self'", 'blob:']);
  });

  it('connects to loopback on any port in clear text and anywhere only over TLS', () => {
    const connect = csp.get('connect-src') ?? [];
    for (const scheme of ['ws', 'wss', 'http', 'https']) {
      for (const host of ['127.0.0.1', 'localhost']) expect(connect).toContain(`${scheme}://${host}:*`);
    }
    expect(connect).toEqual(expect.arrayContaining(["'self'", 'wss:', 'https:']));
    expect(connect).not.toContain('http:');
    expect(connect).not.toContain('ws:');
    expect(connect).not.toContain('*');
  });

  it('blocks plugins, base rewriting, framing and form posts', () => {
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('base-uri')).toEqual(["'none'"]);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    expect(csp.get('form-action')).toEqual(["'none'"]);
  });

  it('meta variant is the same policy without header-only directives', () => {
    const meta = parse(META_CONTENT_SECURITY_POLICY);
    expect(meta.has('frame-ancestors')).toBe(false);
    const withoutFrameAncestors = new Map(csp);
    withoutFrameAncestors.delete('frame-ancestors');
    expect(meta).toEqual(withoutFrameAncestors);
  });

  it('dev-server variant only adds inline script/style on top of the strict policy', () => {
    const dev = parse(DEV_SERVER_CONTENT_SECURITY_POLICY);
    expect(dev.get('script-src')).toEqual(["'self'", "'unsafe-inline'"]);
    expect(dev.get('style-src')).toEqual(["'self'", "'unsafe-inline'"]);
    expect(DEV_SERVER_CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval');
    dev.delete('script-src');
    dev.delete('style-src');
    const strict = new Map(csp);
    strict.delete('script-src');
    strict.delete('style-src');
    expect(dev).toEqual(strict);
  });
});
