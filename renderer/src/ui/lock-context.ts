import { createContext, useContext } from 'react';

/** True while the lock screen is up: dialogs behind it must not trap focus or react to keys. */
export const LockedContext = createContext(false);

export function useLocked(): boolean {
  return useContext(LockedContext);
}
