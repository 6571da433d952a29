import { Alert, Anchor, AppShell, Badge, Box, Button, Group, Loader, NavLink, Stack, Text, Tooltip } from '@mantine/core';
import { IconAlertTriangle, IconLock, IconLogout, IconShieldCheck } from '@tabler/icons-react';
import { Suspense, useEffect, useMemo, useRef } from 'react';
import { ROLE_LABELS } from '../../../shared/domain/roles';
import { DemoBanner } from '../demo/DemoNotice';
import { Notice } from '../ui/Notice';
import { NavContext, type NavEntry } from './nav-context';
import { href, matchPath, usePath } from './router';
import { allows, ROUTES } from './routes';
import { useSession } from './session';

/** On every screen while the store is marked damaged: nothing more is saved, and what to do. */
function StoreProblem({ message, admin }: { message: string; admin: boolean }) {
  return (
    <Alert
      color="red"
      variant="filled"
      title="The database is damaged"
      role="alert"
      mb="lg"
      icon={<IconAlertTriangle aria-hidden />}
    >
      <Stack gap="xs" align="flex-start">
        <Text size="sm">{message}</Text>
        {admin ? (
          <Button component="a" href={href('/backups')} variant="white" color="red" size="compact-md">
            Open Backups
          </Button>
        ) : (
          <Text size="sm">Tell your administrator now. Write down anything you could not save.</Text>
        )}
      </Stack>
    </Alert>
  );
}

function useCurrentScreen(path: string) {
  for (const route of ROUTES) {
    const params = matchPath(route.path, path);
    if (params) return { route, params };
  }
  return null;
}

/** The signed-in frame: header with the department, the user and Lock / Log out; navbar from routes.ts. */
export function Shell() {
  const { user, departmentName, demo, lock, logout, storeProblem } = useSession();
  const path = usePath();
  const current = useCurrentScreen(path);
  const allowed: NavEntry[] = useMemo(
    () =>
      ROUTES.filter((r) => allows(r, user.role)).map(({ path: p, label, icon, summary }) => ({ path: p, label, icon, summary })),
    [user.role],
  );
  const navEntries = ROUTES.filter((r) => r.nav && allows(r, user.role));

  // A new screen takes the focus to its heading, so keyboard and screen-reader users start at the top.
  const mainRef = useRef<HTMLDivElement>(null);
  const firstRender = useRef(true);
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    mainRef.current?.querySelector<HTMLElement>('[data-page-heading]')?.focus();
  }, [path]);

  let content;
  if (!current) {
    content = <Notice title="Page not found" message="There is no screen at this address." />;
  } else if (!allows(current.route, user.role)) {
    content = (
      <Notice
        title="Not available for your role"
        message={`Your role does not allow this screen. ${current.route.label} is for ${
          current.route.roles === 'all' ? 'everyone' : current.route.roles.map((r) => ROLE_LABELS[r]).join(', ')
        } only.`}
      />
    );
  } else {
    const Screen = current.route.component;
    // Screens other than Home are loaded when first opened (routes.ts); this shows while one arrives.
    content = (
      <Suspense fallback={<Loader aria-label={`Loading ${current.route.label}`} />}>
        <Screen params={current.params} />
      </Suspense>
    );
  }

  return (
    <NavContext.Provider value={allowed}>
      <Anchor component="button" type="button" className="skip-link" onClick={() => mainRef.current?.focus()}>
        Skip to main content
      </Anchor>
      <AppShell header={{ height: demo ? 92 : 64 }} navbar={{ width: 232, breakpoint: 0 }} padding="lg">
        <AppShell.Header>
          {demo ? <DemoBanner /> : null}
          <Group h={64} px="md" justify="space-between" wrap="nowrap">
            <Group gap="xs" wrap="nowrap" style={{ minWidth: 0 }}>
              <IconShieldCheck size={28} aria-hidden color="var(--mantine-color-blue-8)" />
              <Stack gap={0} style={{ minWidth: 0 }}>
                <Text fw={800} size="lg" lh={1.1}>
                  Deflect
                </Text>
                <Text size="sm" truncate="end" data-testid="header-department">
                  {departmentName}
                </Text>
              </Stack>
            </Group>
            <Group gap="sm" wrap="nowrap">
              <Stack gap={0} align="flex-end" visibleFrom="sm">
                <Text fw={600} size="sm" data-testid="header-user">
                  {user.displayName}
                </Text>
                <Badge size="sm" variant="light">
                  {ROLE_LABELS[user.role]}
                </Badge>
              </Stack>
              <Tooltip label="Ctrl + L" withArrow>
                <Button
                  variant="default"
                  leftSection={<IconLock size={18} aria-hidden />}
                  onClick={() => lock()}
                  aria-keyshortcuts="Control+L"
                >
                  Lock
                </Button>
              </Tooltip>
              <Button
                variant="subtle"
                color="gray"
                leftSection={<IconLogout size={18} aria-hidden />}
                onClick={() => void logout()}
              >
                Log out
              </Button>
            </Group>
          </Group>
        </AppShell.Header>
        <AppShell.Navbar p="sm" aria-label="Main navigation">
          <Stack gap={4}>
            {navEntries.map((r) => {
              const active = current?.route === r;
              return (
                <NavLink
                  key={r.path}
                  href={href(r.path)}
                  label={r.label}
                  leftSection={<r.icon size={20} aria-hidden />}
                  active={active}
                  aria-current={active ? 'page' : undefined}
                  variant="filled"
                  fw={600}
                  styles={{ root: { borderRadius: 'var(--mantine-radius-sm)' } }}
                />
              );
            })}
          </Stack>
        </AppShell.Navbar>
        <AppShell.Main>
          <Box id="main-content" ref={mainRef} tabIndex={-1} maw={1200} style={{ outline: 'none' }}>
            {storeProblem ? <StoreProblem message={storeProblem} admin={user.role === 'admin'} /> : null}
            {content}
          </Box>
        </AppShell.Main>
      </AppShell>
    </NavContext.Provider>
  );
}
