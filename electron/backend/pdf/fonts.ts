import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as fontkit from 'fontkit';

/**
 * The fonts every generated PDF embeds (subset): Noto Sans, shipped by an npm package so that every
 * workstation (Windows included) prints the same letters, accents and all (José Núñez, "Atención").
 * Parsed once per process; pdfkit subsets them per document.
 */

const FILES = {
  regular: '@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf',
  bold: '@expo-google-fonts/noto-sans/700Bold/NotoSans_700Bold.ttf',
  italic: '@expo-google-fonts/noto-sans/400Regular_Italic/NotoSans_400Regular_Italic.ttf',
} as const;
export type FontName = keyof typeof FILES;

let cache: Record<FontName, fontkit.Font> | null = null;

export function fonts(): Record<FontName, fontkit.Font> {
  if (!cache) {
    // This module runs as CommonJS everywhere it is loaded (app bundle, CLI, tests), so `__filename` is defined.
    const req = createRequire(__filename);
    const load = (file: string) => fontkit.create(readFileSync(req.resolve(file))) as fontkit.Font;
    cache = { regular: load(FILES.regular), bold: load(FILES.bold), italic: load(FILES.italic) };
  }
  return cache;
}
