/** How long a copied secret (the recovery key) may stay on the clipboard. */
export const SECRET_CLIPBOARD_MS = 60_000;

let pending: ReturnType<typeof setTimeout> | null = null;

/**
 * Copies a secret and clears it from the clipboard after a minute if it is still there (something
 * copied since is left alone). Where the clipboard cannot be read back (the desktop app allows the
 * window to write it only), it is cleared regardless. The timer outlives the screen that copied.
 */
export async function copySecret(text: string, clearAfterMs = SECRET_CLIPBOARD_MS): Promise<void> {
  await navigator.clipboard.writeText(text);
  if (pending) clearTimeout(pending);
  pending = setTimeout(() => {
    pending = null;
    void clearIfStill(text);
  }, clearAfterMs);
}

async function clearIfStill(text: string): Promise<void> {
  let current: string | null;
  try {
    current = await navigator.clipboard.readText();
  } catch {
    current = null;
  }
  if (current === null || current === text) await navigator.clipboard.writeText('').catch(() => undefined);
}
