import type { z } from 'zod';
import { auditContract } from './audit';
import { authContract } from './auth';
import { backupsContract } from './backups';
import { consentsContract } from './consents';
import { providersContract } from './providers';
import { demoContract } from './demo';
import { followupsContract } from './followups';
import { intakeContract } from './intake';
import { keysContract } from './keys';
import { lettersContract } from './letters';
import { milestonesContract } from './milestones';
import { participantsContract } from './participants';
import { peopleContract } from './people';
import type { Result } from './procedure';
import { referralsContract } from './referrals';
import { reportsContract } from './reports';
import { systemContract } from './system';
import { timelineContract } from './timeline';
import { ttaContract } from './tta';
import { usersContract } from './users';

/** Every procedure the window (and the CLI) can call. One slice per capability. */
export const contract = {
  ...systemContract,
  ...authContract,
  ...usersContract,
  ...auditContract,
  ...providersContract,
  ...peopleContract,
  ...intakeContract,
  ...followupsContract,
  ...consentsContract,
  ...referralsContract,
  ...lettersContract,
  ...timelineContract,
  ...milestonesContract,
  ...participantsContract,
  ...ttaContract,
  ...reportsContract,
  ...demoContract,
  ...backupsContract,
  ...keysContract,
} as const;

export type Contract = typeof contract;
export type ProcedureName = keyof Contract;
export type InputOf<N extends ProcedureName> = z.input<Contract[N]['input']>;
export type ParsedInputOf<N extends ProcedureName> = z.output<Contract[N]['input']>;
export type OutputOf<N extends ProcedureName> = z.output<Contract[N]['output']>;

export function isProcedureName(name: string): name is ProcedureName {
  return Object.prototype.hasOwnProperty.call(contract, name);
}

/** The one object the preload exposes on `window.deflect` (and the harness imitates). */
export interface DeflectBridge {
  call(name: string, input: unknown): Promise<Result<unknown>>;
  /** Subscribes to lock notices from the main process (OS lock, suspend, idle). Returns an unsubscribe. */
  onLock(listener: (reason: string) => void): () => void;
}

export type { Result, ApiError, ErrorCode } from './procedure';
