import { backupCommands } from '../backup/cli';
import { demoCommands } from '../demo/cli';
import { keysCommands } from '../keys/cli';
import { providersCommands } from '../providers/cli';
import { reportsCommands } from '../reports/cli';
import { coreCommands } from './core';
import type { CliCommand } from './types';

/** Every admin command. Slices add theirs here. */
export const COMMANDS: CliCommand[] = [
  ...coreCommands,
  ...backupCommands,
  ...keysCommands,
  ...providersCommands,
  ...reportsCommands,
  ...demoCommands,
];
