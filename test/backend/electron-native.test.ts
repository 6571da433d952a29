import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { electronNativeBinding, electronNativeDir } from '../../scripts/electron-native-path.mjs';
import {
  buildInfo,
  buildTarget,
  childEnv,
  compiledAbi,
  electronAbi,
  findNodeGyp,
  isUpToDate,
  nodeGypArgs,
  parseArgs,
  prebuildInstallArgs,
} from '../../scripts/electron-native.mjs';
import { tempDir } from './helpers';

const ROOT = resolve(__dirname, '../..');
const TARGET = { electronVersion: '38.8.6', platform: 'linux', arch: 'x64', driverVersion: '12.11.1' };

describe('where the Electron build of the driver lives', () => {
  it('is one folder per Electron version, platform and arch, outside node_modules', () => {
    expect(electronNativeDir('/p', TARGET)).toBe(join('/p', '.electron-native', '38.8.6-linux-x64'));
    expect(electronNativeBinding('/p', { ...TARGET, electronVersion: 'v39.0.0-beta.2' })).toBe(
      join('/p', '.electron-native', '39.0.0-beta.2-linux-x64', 'better_sqlite3.node'),
    );
  });

  it('refuses values that could escape the folder', () => {
    expect(() => electronNativeDir('/p', { ...TARGET, electronVersion: '../../etc' })).toThrow(/Not an Electron version/);
    expect(() => electronNativeDir('/p', { ...TARGET, arch: 'x64/../../x' })).toThrow(/platform/);
  });

  it('targets the installed Electron and leaves npm’s Node build of the driver alone', () => {
    const target = buildTarget(ROOT);
    const electronPkg = JSON.parse(readFileSync(join(ROOT, 'node_modules', 'electron', 'package.json'), 'utf8')) as {
      version: string;
    };
    expect(target.electronVersion).toBe(electronPkg.version);
    expect(target.platform).toBe(process.platform);
    const binding = electronNativeBinding(ROOT, target);
    expect(binding.startsWith(join(ROOT, '.electron-native') + sep)).toBe(true);
    expect(binding).not.toContain(join('better-sqlite3-multiple-ciphers', 'build'));
  });

  it('knows the ABI the installed Electron needs (so a build against Node’s headers is caught)', () => {
    const target = buildTarget(ROOT);
    const abi = electronAbi(target.driverDir, target.electronVersion);
    expect(abi).not.toBeNull();
    expect(abi).not.toBe(Number(process.versions.modules));
    expect(electronAbi(target.driverDir, '999.0.0')).toBeNull();
    expect(compiledAbi('{ "variables": { "node_module_version": 139, "x": 1 } }')).toBe(139);
    expect(compiledAbi('{}')).toBeNull();
  });
});

describe('rebuilding only when needed', () => {
  function folderWith(info: object | null, driver: string | null = 'binary') {
    const dir = tempDir('deflect-native-');
    mkdirSync(dir, { recursive: true });
    if (driver !== null) writeFileSync(join(dir, 'better_sqlite3.node'), driver);
    if (info) writeFileSync(join(dir, 'build-info.json'), JSON.stringify(info));
    return dir;
  }

  it('keeps a build made for the same Electron, driver version and machine', () => {
    expect(isUpToDate(folderWith({ ...buildInfo(TARGET), method: 'compiled' }), TARGET)).toBe(true);
  });

  it('rebuilds after a driver upgrade, when the file is missing or empty, or the record is unreadable', () => {
    expect(isUpToDate(folderWith({ ...buildInfo(TARGET), driverVersion: '12.10.0' }), TARGET)).toBe(false);
    expect(isUpToDate(folderWith(buildInfo(TARGET), ''), TARGET)).toBe(false);
    expect(isUpToDate(folderWith(null), TARGET)).toBe(false);
    const broken = folderWith(null);
    writeFileSync(join(broken, 'build-info.json'), '{not json');
    expect(isUpToDate(broken, TARGET)).toBe(false);
  });
});

describe('how the driver is fetched or compiled', () => {
  it('asks prebuild-install for the Electron runtime at the exact version', () => {
    expect(prebuildInstallArgs(TARGET)).toEqual(
      expect.arrayContaining(['--runtime', 'electron', '--target', '38.8.6', '--platform', 'linux', '--arch', 'x64']),
    );
  });

  it('compiles against Electron’s headers, or the headers folder given', () => {
    const remote = nodeGypArgs(TARGET, { devdir: '/cache' });
    expect(remote).toEqual(
      expect.arrayContaining([
        'rebuild',
        '--release',
        '--runtime=electron',
        '--target=38.8.6',
        '--arch=x64',
        '--dist-url=https://electronjs.org/headers',
        '--devdir=/cache',
      ]),
    );
    const local = nodeGypArgs(TARGET, { nodedir: '/h' });
    expect(local).toContain('--nodedir=/h');
    expect(local.some((a) => a.startsWith('--dist-url'))).toBe(false);
  });

  it('keeps npm settings such as nodedir=/usr from redirecting the build to Node’s headers', () => {
    const env = childEnv({
      PATH: '/bin',
      npm_config_nodedir: '/usr',
      npm_config_target: '20.0.0',
      npm_config_runtime: 'node',
      npm_config_node_gyp: '/g.js',
      npm_config_cache: '/c',
    });
    expect(env).toEqual({ PATH: '/bin', npm_config_node_gyp: '/g.js', npm_config_cache: '/c' });
  });

  it('uses the node-gyp npm hands to scripts, else a bundled one, else npx', () => {
    const exists = (p: string) => p === '/npm/node-gyp.js';
    expect(findNodeGyp({ npm_config_node_gyp: '/npm/node-gyp.js' }, '/nowhere', exists)).toEqual({
      command: process.execPath,
      args: ['/npm/node-gyp.js'],
    });
    expect(findNodeGyp({}, '/nowhere', () => false).args).toEqual(['--yes', 'node-gyp']);
  });

  it('reads its options and refuses unknown ones', () => {
    expect(parseArgs([])).toEqual({ force: false, nodedir: undefined });
    expect(parseArgs(['--force', '--nodedir', '/h'])).toEqual({ force: true, nodedir: '/h' });
    expect(parseArgs(['--nodedir=/h']).nodedir).toBe('/h');
    expect(() => parseArgs(['--target=1'])).toThrow(/Unknown option/);
  });
});
