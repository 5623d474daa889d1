import { createTheme } from '@mantine/core'

export const theme = createTheme({
  primaryColor: 'teal',
  // Shade 9 keeps white text on filled buttons and tabs above a 4.5:1
  // contrast ratio in both colour schemes; the default shades fall below it.
  primaryShade: { light: 9, dark: 9 },
  defaultRadius: 'md',
  focusRing: 'always',
})
