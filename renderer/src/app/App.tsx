import { Button, Center, Group, Loader, Stack, Text } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { lazy, Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import type { DataFolder, SystemState } from '../../../shared/contract/system';
import type { SessionUser } from '../../../shared/contract/users';
import { api, onSessionProblem } from '../api';
import { ForcedPasswordChange } from '../auth/ForcedPasswordChange';
import { LockScreen } from '../auth/LockScreen';
import type { LoginResult } from '../auth/LoginForm';
import { LoginScreen } from '../auth/LoginScreen';
import { RecoverScreen } from '../auth/RecoverScreen';
import { RecoveryKeyScreen } from '../auth/RecoveryKeyScreen';
import { SetupScreen } from '../auth/SetupScreen';
import { RestoreScreen } from '../backups/RestoreScreen';
import { DataFolderScreen } from '../system/DataFolderScreen';
import { DemoAccounts } from '../demo/DemoNotice';
import { CenteredPage } from '../ui/CenteredPage';
import { setDepartmentTimeZone } from '../ui/format';
import { LockedContext } from '../ui/lock-context';
import { navigate } from './router';
import { SessionContext, type SessionContextValue } from './session';
import { useIdleLock } from './useIdleLock';

/**
 * The app behind the login (navigation, Home and the routes to every other screen) is a chunk of its own:
 * the login screen loads without it, and it is fetched while the user types the password.
 */
const loadShell = () => import('./Shell');
const Shell = lazy(async () => ({ default: (await loadShell()).Shell }));

type Phase =
  | { kind: 'loading' }
  /** `inUse`: another program has the data folder open (restoring would not help). */
  | { kind: 'unreachable'; message: string; inUse?: boolean }
  /** The data folder cannot be reached, lost its store, or was named at start and holds none (system/DataFolderScreen). */
  | { kind: 'folder'; folder: ProblemFolder; checking?: boolean }
  /** `newFolder`: the user confirmed a new store in a data folder named at start. */
  | { kind: 'setup'; newFolder?: string }
  | { kind: 'recoveryKey'; recoveryKey: string }
  | { kind: 'login'; notice: string | null }
  | { kind: 'recover' }
  /** Restore from a backup before login; `back` is where Back returns to. */
  | { kind: 'restore'; back: 'setup' | 'login' | 'unreachable' | 'folder'; message?: string; folder?: ProblemFolder }
  /** `mounted`: the app tree exists behind the lock (false only when the window opened onto a locked session). */
  | { kind: 'session'; user: SessionUser; locked: boolean; mounted: boolean };

type SessionPhase = Extract<Phase, { kind: 'session' }>;
type ProblemFolder = DataFolder & { state: 'confirm_new' | 'unreachable' | 'store_missing' };

function problemFolder(f: DataFolder): ProblemFolder | null {
  return f.state === 'confirm_new' || f.state === 'unreachable' || f.state === 'store_missing' ? { ...f, state: f.state } : null;
}

function lockPhase(p: Phase): Phase {
  return p.kind === 'session' && !p.locked ? { ...p, locked: true } : p;
}

/** The auth gate: setup → recovery key → login → (forced password change) → the app, with the lock screen over it. */
export function App() {
  const [system, setSystem] = useState<SystemState | null>(null);
  const [phase, setPhase] = useState<Phase>({ kind: 'loading' });
  // The key of the app tree: changing it discards every screen's unsaved state (another user, logout).
  const [generation, setGeneration] = useState(0);

  const refreshSystem = useCallback(async () => {
    const r = await api.system.state({});
    if (r.ok) setSystem(r.value);
  }, []);

  const boot = useCallback(async (retrying = false) => {
    // "Try again" keeps the folder screen (with a busy button) rather than flashing the loading screen.
    setPhase((p) => (retrying && p.kind === 'folder' ? { ...p, checking: true } : { kind: 'loading' }));
    const r = await api.system.state({});
    if (!r.ok) {
      setPhase({ kind: 'unreachable', message: r.error.message, inUse: r.error.code === 'conflict' });
      return;
    }
    const s = r.value;
    setSystem(s);
    const folderProblem = problemFolder(s.dataFolder);
    if (!s.setupDone && folderProblem) {
      setPhase({ kind: 'folder', folder: folderProblem });
      if (retrying)
        notifications.show({
          color: 'red',
          title: 'Still not there',
          message: 'Checked the data folder again: nothing has changed.',
        });
    } else if (!s.setupDone) setPhase({ kind: 'setup' });
    else if (!s.session) setPhase({ kind: 'login', notice: null });
    else {
      // A freshly opened window never inherits an unlocked session: the user proves who they are again.
      if (!s.session.locked) await api.auth.lock({ reason: 'manual' });
      setPhase({ kind: 'session', user: s.session.user, locked: true, mounted: false });
    }
  }, []);

  useEffect(() => {
    void boot();
  }, [boot]);

  // Once the first screen is up, fetch the app behind it (a failure here shows again when it is opened).
  const authPhase = phase.kind === 'login' || phase.kind === 'session';
  useEffect(() => {
    if (authPhase) loadShell().catch(() => undefined);
  }, [authPhase]);

  // Central handling: any call answered `locked` or `unauthenticated`, and lock notices from the main process.
  useEffect(() => {
    const offProblem = onSessionProblem((problem) => {
      if (problem === 'locked') setPhase(lockPhase);
      else if (problem === 'password_change_required') {
        setPhase((p) => (p.kind === 'session' ? { ...p, user: { ...p.user, mustChangePassword: true } } : p));
      } else {
        setPhase((p) => (p.kind === 'session' ? { kind: 'login', notice: 'Your session has ended. Log in again.' } : p));
        setGeneration((g) => g + 1);
        notifications.clean();
      }
    });
    const offLock = window.deflect.onLock(() => setPhase(lockPhase));
    return () => {
      offProblem();
      offLock();
    };
  }, []);

  const locked = phase.kind === 'session' && phase.locked;
  useEffect(() => {
    document.body.toggleAttribute('data-locked', locked);
    const root = document.getElementById('root');
    if (root) root.inert = locked;
    const name = system?.demo ? 'Deflect — DEMO' : 'Deflect';
    document.title = locked ? `${name} (locked)` : name;
  }, [locked, system?.demo]);

  const lock = useCallback((reason: 'idle' | 'manual') => {
    setPhase(lockPhase);
    void api.auth.lock({ reason });
  }, []);

  const logout = useCallback(async () => {
    await api.auth.logout({});
    // Messages of the session ("Intake saved: …") do not outlive it.
    notifications.clean();
    setGeneration((g) => g + 1);
    navigate('/');
    setPhase({ kind: 'login', notice: 'You have logged out.' });
    await refreshSystem();
  }, [refreshSystem]);

  const setUser = useCallback((user: SessionUser) => {
    setPhase((p) => (p.kind === 'session' ? { ...p, user } : p));
  }, []);

  const startSession = useCallback(
    (result: LoginResult, previous: SessionPhase | null) => {
      setSystem((s) => (s ? { ...s, idleLockMinutes: result.idleLockMinutes } : s));
      // Before any screen renders: every "today" of the window is the department's.
      setDepartmentTimeZone(result.timeZone);
      if (previous && result.resumed) {
        // Same user: the screens behind the lock come back with their unsaved input.
        setPhase({ ...previous, user: result.user, locked: false, mounted: true });
      } else {
        setGeneration((g) => g + 1);
        notifications.clean();
        navigate('/');
        setPhase({ kind: 'session', user: result.user, locked: false, mounted: true });
      }
      void refreshSystem();
    },
    [refreshSystem],
  );

  const unlockedSession = phase.kind === 'session' && !phase.locked;
  // The store's integrity check runs in the background after login: its verdict reaches every screen.
  useEffect(() => {
    if (!unlockedSession) return;
    const timer = setInterval(() => void refreshSystem(), 15_000);
    return () => clearInterval(timer);
  }, [unlockedSession, refreshSystem]);

  // Ctrl+L locks from anywhere in a signed-in session, inputs included (the empty list: ignore no tags).
  useHotkeys([['mod+L', () => unlockedSession && lock('manual')]], []);

  useIdleLock({
    enabled: phase.kind === 'session' && !phase.locked,
    minutes: system?.idleLockMinutes ?? 15,
    onIdle: () => lock('idle'),
  });

  const sessionValue: SessionContextValue | null = useMemo(
    () =>
      phase.kind === 'session'
        ? {
            user: phase.user,
            departmentName: system?.departmentName ?? '',
            demo: system?.demo ?? false,
            idleLockMinutes: system?.idleLockMinutes ?? 15,
            lock: () => lock('manual'),
            logout,
            setUser,
            refreshSystem,
            storeProblem: system?.storeProblem ?? null,
          }
        : null,
    [phase, system, lock, logout, setUser, refreshSystem],
  );

  const departmentName = system?.departmentName ?? '';
  const banner = system?.banner ?? '';

  switch (phase.kind) {
    case 'loading':
      return (
        <Center mih="100vh">
          <Stack align="center">
            <Loader aria-label="Opening Deflect" />
            <Text>Opening Deflect…</Text>
          </Stack>
        </Center>
      );
    case 'unreachable':
      return (
        <CenteredPage title="Deflect could not start">
          <Text role="alert">{phase.message}</Text>
          <Group>
            <Button onClick={() => void boot()}>Try again</Button>
            {phase.inUse ? null : (
              <Button
                variant="default"
                onClick={() => setPhase({ kind: 'restore', back: 'unreachable', message: phase.message })}
              >
                Restore from a backup
              </Button>
            )}
          </Group>
        </CenteredPage>
      );
    case 'folder':
      return (
        <DataFolderScreen
          folder={phase.folder}
          checking={phase.checking ?? false}
          onRetry={() => void boot(true)}
          onRestore={() => setPhase({ kind: 'restore', back: 'folder', folder: phase.folder })}
          onSetUpNew={() => {
            notifications.clean();
            setPhase({ kind: 'setup', newFolder: phase.folder.path });
          }}
        />
      );
    case 'setup':
      return (
        <SetupScreen
          {...(phase.newFolder ? { newFolder: phase.newFolder, onBack: () => void boot() } : {})}
          onDone={(recoveryKey) => setPhase({ kind: 'recoveryKey', recoveryKey })}
          onDemo={() => void boot()}
          onRestore={() => setPhase({ kind: 'restore', back: 'setup' })}
        />
      );
    case 'recoveryKey':
      return (
        <RecoveryKeyScreen
          recoveryKey={phase.recoveryKey}
          departmentName={departmentName}
          onContinue={() => {
            setPhase({ kind: 'login', notice: 'Setup is complete. Log in with the administrator account you just created.' });
            void refreshSystem();
          }}
        />
      );
    case 'login':
      return (
        <LoginScreen
          demo={system?.demo ? <DemoAccounts onLeft={() => void boot()} /> : null}
          departmentName={departmentName}
          banner={banner}
          notice={system?.notice ?? phase.notice}
          onLoggedIn={(result) => startSession(result, null)}
          onRecover={() => setPhase({ kind: 'recover' })}
          onRestore={() => setPhase({ kind: 'restore', back: 'login' })}
        />
      );
    case 'restore':
      return (
        <RestoreScreen
          departmentName={departmentName}
          onBack={() =>
            setPhase(
              phase.back === 'setup'
                ? { kind: 'setup' }
                : phase.back === 'folder' && phase.folder
                  ? { kind: 'folder', folder: phase.folder }
                  : phase.back === 'unreachable'
                    ? { kind: 'unreachable', message: phase.message ?? '' }
                    : { kind: 'login', notice: null },
            )
          }
          onDone={() => void boot()}
        />
      );
    case 'recover':
      return (
        <RecoverScreen
          departmentName={departmentName}
          onBack={() => setPhase({ kind: 'login', notice: null })}
          onDone={() => setPhase({ kind: 'login', notice: 'The new password is set. Log in with it now.' })}
        />
      );
    case 'session':
      return (
        <LockedContext.Provider value={phase.locked}>
          {phase.mounted && sessionValue ? (
            <SessionContext.Provider value={sessionValue} key={generation}>
              {phase.user.mustChangePassword ? (
                <ForcedPasswordChange
                  user={phase.user}
                  departmentName={departmentName}
                  onChanged={setUser}
                  onLogout={() => void logout()}
                />
              ) : (
                <Suspense
                  fallback={
                    <Center h="100vh">
                      <Loader aria-label="Loading Deflect" />
                    </Center>
                  }
                >
                  <Shell />
                </Suspense>
              )}
            </SessionContext.Provider>
          ) : null}
          {phase.locked ? (
            <LockScreen
              lockedUser={phase.user}
              departmentName={departmentName}
              banner={banner}
              onUnlocked={(result) => startSession(result, phase)}
            />
          ) : null}
        </LockedContext.Provider>
      );
  }
}
