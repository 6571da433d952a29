import { protocol, type Session } from 'electron';
import { appFileResponse } from './app-files';
import { APP_SCHEME } from './policy';

/**
 * Must run before `app` is ready: `app://` behaves like https (standard URL rules, secure
 * context, fetch) without bypassing the Content-Security-Policy.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/** Serves the built renderer on `app://deflect/…` for this session only. No file:// anywhere. */
export function serveApp(session: Session, root: string): void {
  session.protocol.handle(APP_SCHEME, (request) => appFileResponse(root, request.method, request.url));
}
