import { type CSSVariablesResolver, createTheme } from '@mantine/core';

/**
 * Mantine with contrast raised to WCAG 2.1 AA: the primary colour and the "dimmed" text
 * use darker shades than Mantine's defaults, and focus rings always show for keyboard users.
 */
export const theme = createTheme({
  primaryColor: 'blue',
  primaryShade: 8,
  focusRing: 'auto',
  defaultRadius: 'sm',
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  headings: { fontWeight: '700' },
  components: {
    Button: { defaultProps: { size: 'sm' } },
    Tooltip: { defaultProps: { openDelay: 400 } },
    Fieldset: { styles: { legend: { fontWeight: 700, fontSize: 'var(--mantine-font-size-md)' } } },
  },
});

export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': 'var(--mantine-color-gray-7)',
    '--mantine-color-placeholder': 'var(--mantine-color-gray-6)',
  },
  dark: {},
});
