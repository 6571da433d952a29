import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { appFileResponse } from '../../electron/main/app-files';
import {
  APP_ENTRY_URL,
  CommandLineError,
  CONTENT_SECURITY_POLICY,
  devServerUrlFrom,
  INVALID_PROCEDURE_NAME,
  isAllowedRequest,
  isAppDownload,
  isAppUrl,
  isInside,
  isPermissionAllowed,
  isProcedureNameShape,
  isTrustedSender,
  profileDirFor,
  resolveAppFile,
  resolveDataDir,
  responseHeaders,
  shouldIdleLock,
} from '../../electron/main/policy';
import { tempDir } from './helpers';

const DEV = 'http://localhost:5173/';

describe('which URLs are the app', () => {
  it('accepts the app scheme and host, with any path or hash', () => {
    expect(isAppUrl(APP_ENTRY_URL)).toBe(true);
    expect(isAppUrl('app://deflect/index.html#/people/1')).toBe(true);
    expect(isAppUrl('app://deflect/assets/index-abc.js')).toBe(true);
  });

  it('refuses other hosts, look-alikes, remote sites, file:// and junk', () => {
    for (const url of [
      'app://evil/index.html',
      'app://deflect.evil/index.html',
      'app://user:pw@deflect/index.html',
      'https://example.com/',
      'http://deflect/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'data:text/html,<script>1</script>',
      'not a url',
      '',
    ]) {
      expect(isAppUrl(url), url).toBe(false);
    }
  });

  it('accepts the dev server origin only in development, and only that origin', () => {
    expect(isAppUrl('http://localhost:5173/index.html', DEV)).toBe(true);
    expect(isAppUrl('http://localhost:5173/index.html')).toBe(false);
    expect(isAppUrl('http://localhost:5174/', DEV)).toBe(false);
    expect(isAppUrl('http://localhost:5173.evil.com/', DEV)).toBe(false);
    expect(isAppUrl('https://localhost:5173/', DEV)).toBe(false);
  });

  it('lets the window fetch only the app (and the dev server and its hot-reload socket in development)', () => {
    expect(isAllowedRequest('app://deflect/assets/x.js')).toBe(true);
    expect(isAllowedRequest('data:image/png;base64,AAAA')).toBe(true);
    expect(isAllowedRequest('https://example.com/track.gif')).toBe(false);
    expect(isAllowedRequest('file:///home/user/secret.txt')).toBe(false);
    expect(isAllowedRequest('ws://localhost:5173/')).toBe(false);
    expect(isAllowedRequest('ws://localhost:5173/', DEV)).toBe(true);
    expect(isAllowedRequest('ws://evil.example:5173/', DEV)).toBe(false);
    expect(isAllowedRequest('http://localhost:5173/src/main.tsx', DEV)).toBe(true);
  });

  it('honours ELECTRON_RENDERER_URL only unpackaged and only on loopback', () => {
    expect(devServerUrlFrom({ ELECTRON_RENDERER_URL: 'http://localhost:5173' }, false)).toBe(DEV);
    expect(devServerUrlFrom({ ELECTRON_RENDERER_URL: 'http://127.0.0.1:5173/' }, false)).toBe('http://127.0.0.1:5173/');
    expect(devServerUrlFrom({ ELECTRON_RENDERER_URL: 'http://localhost:5173' }, true)).toBeUndefined();
    expect(devServerUrlFrom({ ELECTRON_RENDERER_URL: 'https://example.com' }, false)).toBeUndefined();
    expect(devServerUrlFrom({ ELECTRON_RENDERER_URL: 'file:///tmp/index.html' }, false)).toBeUndefined();
    expect(devServerUrlFrom({}, false)).toBeUndefined();
  });
});

describe('permissions and downloads', () => {
  it('lets the app write to the clipboard and refuses every other permission and every other origin', () => {
    expect(isPermissionAllowed('clipboard-sanitized-write', 'app://deflect')).toBe(true);
    expect(isPermissionAllowed('clipboard-sanitized-write', 'app://deflect/index.html')).toBe(true);
    expect(isPermissionAllowed('clipboard-sanitized-write', 'https://example.com')).toBe(false);
    for (const permission of [
      'clipboard-read',
      'media',
      'geolocation',
      'notifications',
      'openExternal',
      'fullscreen',
      'fileSystem',
      'unknown',
    ]) {
      expect(isPermissionAllowed(permission, 'app://deflect/index.html'), permission).toBe(false);
    }
  });

  it('downloads only files the app made itself', () => {
    expect(isAppDownload('blob:app://deflect/6f1c2c1e-1111-4a4a-8b8b-123456789abc')).toBe(true);
    expect(isAppDownload('blob:http://localhost:5173/6f1c', DEV)).toBe(true);
    expect(isAppDownload('blob:https://example.com/6f1c')).toBe(false);
    expect(isAppDownload('https://example.com/payload.exe')).toBe(false);
    expect(isAppDownload('app://deflect/index.html')).toBe(false);
    expect(isAppDownload('data:text/plain,hello')).toBe(false);
  });
});

describe('who may call the backend', () => {
  const good = { fromMainWindow: true, isTopFrame: true, url: 'app://deflect/index.html' };

  it('trusts only the main window top frame showing the app', () => {
    expect(isTrustedSender(good)).toBe(true);
    expect(isTrustedSender({ ...good, fromMainWindow: false })).toBe(false);
    expect(isTrustedSender({ ...good, isTopFrame: false })).toBe(false);
    expect(isTrustedSender({ ...good, url: 'https://example.com/' })).toBe(false);
    expect(isTrustedSender({ ...good, url: '' })).toBe(false);
    expect(isTrustedSender({ ...good, url: 'http://localhost:5173/' })).toBe(false);
    expect(isTrustedSender({ ...good, url: 'http://localhost:5173/' }, DEV)).toBe(true);
  });

  it('accepts procedure names of 1 to 64 characters only', () => {
    expect(isProcedureNameShape('auth.login')).toBe(true);
    expect(isProcedureNameShape('x'.repeat(64))).toBe(true);
    expect(isProcedureNameShape('x'.repeat(65))).toBe(false);
    expect(isProcedureNameShape('')).toBe(false);
    expect(isProcedureNameShape(42)).toBe(false);
    expect(isProcedureNameShape({ toString: () => 'auth.login' })).toBe(false);
    expect(INVALID_PROCEDURE_NAME).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });
});

describe('app protocol paths', () => {
  const root = resolve('/srv/deflect/out/renderer');

  it('maps the root to index.html and plain paths to files under the root', () => {
    expect(resolveAppFile(root, 'app://deflect/')).toBe(join(root, 'index.html'));
    expect(resolveAppFile(root, 'app://deflect/index.html')).toBe(join(root, 'index.html'));
    expect(resolveAppFile(root, 'app://deflect/assets/index-abc.js?v=1#x')).toBe(join(root, 'assets', 'index-abc.js'));
    expect(resolveAppFile(root, 'app://deflect/fonts/a%20b.woff2')).toBe(join(root, 'fonts', 'a b.woff2'));
  });

  it('refuses encoded traversal, NUL bytes, drive paths and other hosts', () => {
    for (const url of [
      'app://deflect/%2e%2e/%2e%2e/etc/passwd',
      'app://deflect/..%2f..%2f..%2fetc%2fpasswd',
      'app://deflect/assets/..%2f..%2f..%2fsecret',
      'app://deflect/index.html%00.png',
      'app://deflect/C:/Windows/win.ini',
      'app://deflect/%2fetc%2fpasswd',
      'app://deflect/%E0%A4%A',
      'app://other/index.html',
      'https://deflect/index.html',
    ]) {
      const resolved = resolveAppFile(root, url);
      expect(resolved === null || isInside(root, resolved), `${url} -> ${resolved}`).toBe(true);
    }
    expect(resolveAppFile(root, 'app://deflect/..%2f..%2f..%2fetc%2fpasswd')).toBeNull();
    expect(resolveAppFile(root, 'app://deflect/index.html%00.png')).toBeNull();
    expect(resolveAppFile(root, 'app://other/index.html')).toBeNull();
  });

  it('never resolves any path outside the root', () => {
    const segment = fc.constantFrom('..', '.', '%2e%2e', '..%2f', '%2f', 'a', 'assets', '%5c..', '', 'index.html', '%00');
    fc.assert(
      fc.property(fc.array(segment, { maxLength: 8 }), (segments) => {
        const resolved = resolveAppFile(root, `app://deflect/${segments.join('/')}`);
        return resolved === null || isInside(root, resolved);
      }),
    );
  });
});

describe('serving the built renderer', () => {
  function builtRenderer() {
    const base = tempDir('deflect-shell-');
    const root = join(base, 'renderer');
    mkdirSync(join(root, 'assets'), { recursive: true });
    writeFileSync(join(root, 'index.html'), '<!doctype html><title>Deflect</title>');
    writeFileSync(join(root, 'assets', 'index.js'), 'console.log(1)');
    writeFileSync(join(base, 'secret.txt'), 'outside the app');
    return { base, root };
  }

  it('serves index.html with the strict CSP and no caching', async () => {
    const { root } = builtRenderer();
    const res = await appFileResponse(root, 'GET', 'app://deflect/');
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('<title>Deflect</title>');
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('cache-control')).toBe('no-store');
  });

  it('serves scripts as JavaScript so module scripts run', async () => {
    const { root } = builtRenderer();
    const res = await appFileResponse(root, 'GET', 'app://deflect/assets/index.js');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
  });

  it('answers 404 for missing files, folders, traversal and links that lead out of the folder', async () => {
    const { base, root } = builtRenderer();
    symlinkSync(join(base, 'secret.txt'), join(root, 'assets', 'link.txt'));
    for (const url of [
      'app://deflect/missing.js',
      'app://deflect/assets',
      'app://deflect/..%2fsecret.txt',
      'app://deflect/assets/link.txt',
      'app://other/index.html',
    ]) {
      const res = await appFileResponse(root, 'GET', url);
      expect(res.status, url).toBe(404);
      expect(await res.text()).not.toContain('outside the app');
    }
  });

  it('refuses anything but GET and HEAD', async () => {
    const { root } = builtRenderer();
    expect((await appFileResponse(root, 'POST', 'app://deflect/index.html')).status).toBe(405);
    const head = await appFileResponse(root, 'HEAD', 'app://deflect/index.html');
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });
});

describe('content security policy', () => {
  it('allows only the app own scripts and forbids plugins, framing, forms and base rewriting', () => {
    const directives = CONTENT_SECURITY_POLICY.split('; ');
    expect(directives).toEqual([
      "default-src 'self'",
      "script-src 'self'",
      "style-src 'self' 'unsafe-inline'",
      "img-src 'self' data: blob:",
      "font-src 'self' data:",
      "connect-src 'self'",
      "object-src 'none'",
      "base-uri 'none'",
      "form-action 'none'",
      "frame-ancestors 'none'",
    ]);
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval');
    expect(responseHeaders('/x/app.css')['Content-Type']).toBe('text/css; charset=utf-8');
    expect(responseHeaders('/x/blob.bin')['Content-Type']).toBe('application/octet-stream');
  });
});

describe('data folder', () => {
  const cwd = resolve('/home/officer');
  const dflt = resolve('/home/officer/.config/deflect');

  it('takes --data-dir first, in both spellings, resolved against the working folder', () => {
    expect(resolveDataDir(['electron', '.', '--data-dir', 'demo'], { DEFLECT_DATA_DIR: '/elsewhere' }, dflt, cwd)).toEqual({
      dataDir: join(cwd, 'demo'),
      source: 'argument',
    });
    expect(resolveDataDir(['--data-dir=/data/deflect'], {}, dflt, cwd).dataDir).toBe(resolve('/data/deflect'));
  });

  it('falls back to DEFLECT_DATA_DIR, then to the default folder', () => {
    expect(resolveDataDir(['electron', '.'], { DEFLECT_DATA_DIR: '/data/x' }, dflt, cwd)).toEqual({
      dataDir: resolve('/data/x'),
      source: 'environment',
    });
    expect(resolveDataDir(['electron', '.'], { DEFLECT_DATA_DIR: '  ' }, dflt, cwd)).toEqual({
      dataDir: dflt,
      source: 'default',
    });
    expect(resolveDataDir(['electron', '.'], {}, dflt, cwd)).toEqual({ dataDir: dflt, source: 'default' });
  });

  it('says plainly when --data-dir has no folder', () => {
    expect(() => resolveDataDir(['--data-dir'], {}, dflt, cwd)).toThrow(CommandLineError);
    expect(() => resolveDataDir(['--data-dir', '--other'], {}, dflt, cwd)).toThrow(/needs a folder/);
    expect(() => resolveDataDir(['--data-dir='], {}, dflt, cwd)).toThrow(/needs a folder/);
  });

  it('gives each data folder its own browser profile, so one instance runs per data folder', () => {
    const a = profileDirFor(dflt, '/data/a');
    expect(profileDirFor(dflt, '/data/a')).toBe(a);
    expect(profileDirFor(dflt, '/data/b')).not.toBe(a);
    expect(isInside(join(dflt, 'profiles'), a)).toBe(true);
  });
});

describe('idle lock', () => {
  it('locks once the OS has seen no input for the configured minutes', () => {
    expect(shouldIdleLock(14 * 60 + 59, 15)).toBe(false);
    expect(shouldIdleLock(15 * 60, 15)).toBe(true);
    expect(shouldIdleLock(3600, 15)).toBe(true);
    expect(shouldIdleLock(3600, 0)).toBe(false);
  });
});
