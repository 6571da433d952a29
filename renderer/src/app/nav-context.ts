import type { TablerIcon } from '@tabler/icons-react';
import { createContext, useContext } from 'react';

/** The screens the signed-in user may open (from routes.ts), for Home's list of what they can do. */
export interface NavEntry {
  path: string;
  label: string;
  icon: TablerIcon;
  summary?: string;
}

export const NavContext = createContext<readonly NavEntry[]>([]);

export function useAllowedScreens(): readonly NavEntry[] {
  return useContext(NavContext);
}
