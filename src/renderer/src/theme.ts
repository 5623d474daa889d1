import { createTheme, type MantineColorsTuple } from '@mantine/core'

// Mantine's teal, shifted one step darker at the top: filled buttons use
// shade 9 and shade 8 on hover, and white text must keep a 4.5:1 contrast
// ratio on both (Mantine's own teal 8 gives about 4.2:1).
const brand: MantineColorsTuple = [
  '#e6fcf5',
  '#c3fae8',
  '#96f2d7',
  '#63e6be',
  '#38d9a9',
  '#20c997',
  '#12b886',
  '#0ca678',
  '#087f5b',
  '#06694b',
]

export const theme = createTheme({
  colors: { brand },
  primaryColor: 'brand',
  primaryShade: { light: 9, dark: 9 },
  defaultRadius: 'md',
  focusRing: 'always',
})
