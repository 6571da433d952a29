import { app, session, type Session, type WebContents } from 'electron';
import { isAllowedRequest, isAppDownload, isAppUrl, isPermissionAllowed } from './policy';

/**
 * The window's session: in memory (no `persist:` prefix) with the HTTP cache off, so no cookies,
 * storage, form autofill, cache or service-worker data of the app ever reaches the disk. Every
 * permission but clipboard write is refused; the only downloads are files the app made itself,
 * saved where the user chooses in the save dialog; spell-checking (which may send words to a
 * service) is off; and no request leaves the app origin.
 */
export function createAppSession(devServerUrl: string | undefined): Session {
  const ses = session.fromPartition('deflect-app', { cache: false });
  ses.setPermissionRequestHandler((_webContents, permission, callback, details) => {
    callback(isPermissionAllowed(permission, details.requestingUrl ?? '', devServerUrl));
  });
  ses.setPermissionCheckHandler((_webContents, permission, requestingOrigin) =>
    isPermissionAllowed(permission, requestingOrigin, devServerUrl),
  );
  ses.setDevicePermissionHandler(() => false);
  ses.setSpellCheckerEnabled(false);
  ses.on('will-download', (event, item) => {
    // No save path is set, so Electron asks the user where to save.
    if (!isAppDownload(item.getURL(), devServerUrl)) event.preventDefault();
  });
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
