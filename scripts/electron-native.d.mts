import type { ElectronTarget } from './electron-native-path.mjs';

export interface BuildTarget extends ElectronTarget {
  driverDir: string;
  driverVersion: string;
}
export interface BuildInfo {
  electronVersion: string;
  platform: string;
  arch: string;
  driverVersion: string;
}
export declare const DRIVER_PACKAGE: 'better-sqlite3-multiple-ciphers';
export declare const ELECTRON_HEADERS_URL: string;
export declare class NativeBuildError extends Error {}
export declare function buildTarget(projectRoot?: string): BuildTarget;
export declare function buildInfo(target: Omit<BuildTarget, 'driverDir'>): BuildInfo;
export declare function isUpToDate(dir: string, target: Omit<BuildTarget, 'driverDir'>): boolean;
export declare function findNodeGyp(
  env?: Record<string, string | undefined>,
  projectRoot?: string,
  exists?: (path: string) => boolean,
): { command: string; args: string[] };
export declare function prebuildInstallArgs(target: ElectronTarget): string[];
export declare function nodeGypArgs(
  target: Pick<ElectronTarget, 'electronVersion' | 'arch'>,
  options?: { nodedir?: string; devdir?: string },
): string[];
export declare function childEnv(env?: Record<string, string | undefined>): Record<string, string | undefined>;
export declare function electronAbi(driverDir: string, electronVersion: string): number | null;
export declare function compiledAbi(configGypi: string): number | null;
export declare function ensureElectronNative(options?: { projectRoot?: string; force?: boolean; nodedir?: string }): {
  path: string;
  status: 'present' | 'built';
  method?: 'prebuilt' | 'compiled';
  verified?: boolean;
};
export declare function parseArgs(argv: string[]): { force: boolean; nodedir: string | undefined };
