import { app, session, type Session, type WebContents } from 'electron';
import { isAllowedRequest, isAppUrl } from './policy';

/**
 * The window's session: in memory (no `persist:` prefix) with the HTTP cache off, so no cookies,
 * storage, cache or service-worker data of the app ever reaches the disk. Every permission is
 * refused, downloads are refused, spell-checking (which may send words to a service) is off,
 * and no request leaves the app origin.
 */
export function createAppSession(devServerUrl: string | undefined): Session {
  const ses = session.fromPartition('deflect-app', { cache: false });
  ses.setPermissionRequestHandler((_webContents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.setDevicePermissionHandler(() => false);
  ses.setSpellCheckerEnabled(false);
  ses.on('will-download', (event) => event.preventDefault());
  ses.webRequest.onBeforeRequest((details, callback) => {
    callback({ cancel: !isAllowedRequest(details.url, devServerUrl) && !details.url.startsWith('devtools://') });
  });
  return ses;
}

/** Applied to every web contents the app ever creates: no navigation away, no new windows, no webviews. */
export function hardenAllWebContents(devServerUrl: string | undefined): void {
  app.on('web-contents-created', (_event, contents: WebContents) => {
    contents.on('will-frame-navigate', (event) => {
      if (!isAppUrl(event.url, devServerUrl)) event.preventDefault();
    });
    contents.on('will-navigate', (event) => {
      if (!isAppUrl(event.url, devServerUrl)) event.preventDefault();
    });
    contents.on('will-redirect', (event) => {
      if (!isAppUrl(event.url, devServerUrl)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });
}
