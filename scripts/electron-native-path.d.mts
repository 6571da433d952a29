export interface ElectronTarget {
  electronVersion: string;
  platform: string;
  arch: string;
}
export declare const NATIVE_FOLDER: '.electron-native';
export declare const NATIVE_FILE: 'better_sqlite3.node';
export declare const NATIVE_INFO_FILE: 'build-info.json';
export declare function electronNativeDir(projectRoot: string, target: ElectronTarget): string;
export declare function electronNativeBinding(projectRoot: string, target: ElectronTarget): string;
