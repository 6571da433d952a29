import { createContext, useContext } from 'react';
import type { SessionUser } from '../../../shared/contract/users';

/** What every screen inside the shell may know and do about the session. */
export interface SessionContextValue {
  user: SessionUser;
  departmentName: string;
  /** The demonstration store is open: the window says DEMO everywhere. */
  demo: boolean;
  idleLockMinutes: number;
  /** Locks the workstation now (the Lock button, Ctrl+L). */
  lock: () => void;
  logout: () => Promise<void>;
  /** After a change to the signed-in user (password changed, own name edited). */
  setUser: (user: SessionUser) => void;
  /** After settings change: department name, banner, idle minutes. */
  refreshSystem: () => Promise<void>;
  /** The store failed its integrity check: what to do (every screen shows it). */
  storeProblem: string | null;
}

export const SessionContext = createContext<SessionContextValue | null>(null);

export function useSession(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside the signed-in app');
  return value;
}
