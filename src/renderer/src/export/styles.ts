/**
 * Mantine's coloured alert titles fall below a 4.5:1 contrast ratio on their
 * light backgrounds, so alert titles here use the normal text colour.
 */
export const ALERT_STYLES = { title: { color: 'var(--mantine-color-text)' } }
