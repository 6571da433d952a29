import {
  type CSSVariablesResolver,
  createTheme,
  darken,
  defaultVariantColorsResolver,
  luminance,
  parseThemeColor,
  type VariantColorsResolver,
} from '@mantine/core';

function contrastWithWhite(color: string): number {
  return 1.05 / (luminance(color) + 0.05);
}

/** The shade darkened until it reads on white (and on its own pale tint) with room to spare. */
function readable(color: string, target: number): string {
  let out = color;
  for (let amount = 0.05; contrastWithWhite(out) < target && amount < 0.9; amount += 0.05) out = darken(color, amount);
  return out;
}

const cache = new Map<string, string>();
function cached(key: string, make: () => string): string {
  let value = cache.get(key);
  if (value === undefined) {
    value = make();
    cache.set(key, value);
  }
  return value;
}

/**
 * Mantine's pale greens, oranges and yellows do not reach WCAG AA as text. Light, subtle and
 * outline variants get a darkened text colour; filled ones a darkened background.
 */
const variantColorResolver: VariantColorsResolver = (input) => {
  const base = defaultVariantColorsResolver(input);
  const parsed = parseThemeColor({ color: input.color ?? input.theme.primaryColor, theme: input.theme });
  if (!parsed.isThemeColor || !parsed.color) return base;
  const shade8 = input.theme.colors[parsed.color]?.[8];
  if (!shade8) return base;
  switch (input.variant) {
    case 'light':
    case 'subtle':
    case 'transparent': {
      const color = cached(`t-${parsed.color}`, () => readable(shade8, 6.5));
      return { ...base, color, hoverColor: color };
    }
    case 'outline': {
      const color = cached(`t-${parsed.color}`, () => readable(shade8, 6.5));
      return { ...base, color, border: color, hoverColor: color };
    }
    case 'filled': {
      const background = cached(`f-${parsed.color}`, () => readable(shade8, 4.8));
      return { ...base, background, hover: darken(background, 0.1), color: 'var(--mantine-color-white)' };
    }
    default:
      return base;
  }
};

const ERROR_ABOVE = ['label', 'description', 'error', 'input'] as const;

/** Mantine with contrast raised to WCAG 2.1 AA and focus rings that always show for keyboard users. */
export const theme = createTheme({
  primaryColor: 'blue',
  primaryShade: 8,
  focusRing: 'auto',
  defaultRadius: 'sm',
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  headings: { fontWeight: '700' },
  variantColorResolver,
  components: {
    Tooltip: { defaultProps: { openDelay: 400 } },
    // A spinner is a live status ("Searching", "Loading users"): its name is only allowed on an element with a role.
    Loader: { defaultProps: { role: 'status' } },
    // A badge shows its whole word: in a narrow table column it widens the column instead of becoming "SUCCE…".
    Badge: { styles: { label: { overflow: 'visible' } } },
    // What was typed stays as typed: out-of-range numbers are refused with a message, never quietly clamped
    // (Mantine clamps a typed value on blur through its leading-zero trimming, whatever clampBehavior says).
    NumberInput: { defaultProps: { clampBehavior: 'none', trimLeadingZeroesOnBlur: false } },
    // A dropdown list scrolls itself (global.css) and can be reached with the keyboard, so that a long list
    // is a focusable listbox of options (axe: scrollable-region-focusable, aria-required-children).
    // The error of a field with a list stands above its box, where the open list never covers it.
    ComboboxOptions: { defaultProps: { tabIndex: 0 } },
    Select: { defaultProps: { withScrollArea: false, inputWrapperOrder: ERROR_ABOVE } },
    MultiSelect: { defaultProps: { withScrollArea: false, inputWrapperOrder: ERROR_ABOVE } },
    TagsInput: { defaultProps: { withScrollArea: false, inputWrapperOrder: ERROR_ABOVE } },
    Autocomplete: { defaultProps: { withScrollArea: false, inputWrapperOrder: ERROR_ABOVE } },
    Notification: {
      defaultProps: { closeButtonProps: { 'aria-label': 'Dismiss notification' } },
      styles: { description: { color: 'var(--mantine-color-gray-8)' } },
    },
    Modal: {
      defaultProps: { closeButtonProps: { 'aria-label': 'Close dialog' } },
      styles: { title: { fontWeight: 700, fontSize: 'var(--mantine-font-size-lg)' } },
    },
    Fieldset: { styles: { legend: { fontWeight: 700, fontSize: 'var(--mantine-font-size-md)' } } },
  },
});

export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': 'var(--mantine-color-gray-7)',
    // Placeholders are text too: 4.6:1 on white (Mantine's gray-6 is 3.3:1).
    '--mantine-color-placeholder': '#6c7177',
    '--mantine-color-error': 'var(--mantine-color-red-9)',
  },
  dark: {},
});
