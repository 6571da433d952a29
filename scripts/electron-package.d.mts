export class ElectronPackageError extends Error {}
export function electronVersion(root?: string): string;
export function electronPackagePresent(root?: string): boolean;
export function ensureElectronPackage(options?: { root?: string; quiet?: boolean }): 'present' | 'installed';
