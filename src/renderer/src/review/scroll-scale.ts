/**
 * Scroll scaling for tables taller than a browser can lay out. Chromium
 * clamps an element's height near 33.5 million pixels, so 1,000,000 rows of
 * 34 px (34 million) would leave the last rows out of reach. Past
 * `MAX_SCROLL_HEIGHT` the grid makes a shorter scroll area and maps its
 * scroll position linearly onto the full table.
 */

/** Tallest rows area the grid lays out, well under Chromium's clamp. */
export const MAX_SCROLL_HEIGHT = 10_000_000

export interface ScrollGeometry {
  /** Height of all rows at their real size. */
  totalSize: number
  /** Height of the laid-out rows area: `totalSize` or the cap. */
  layoutSize: number
  /** Visible height of the scroll element, header included. */
  viewport: number
  /** Height of the content above the rows, such as a sticky header. */
  headerSize: number
}

/** Returns the laid-out height of the rows area for a table height. */
export function layoutSize(totalSize: number): number {
  return Math.min(totalSize, MAX_SCROLL_HEIGHT)
}

/**
 * Returns how many table pixels one scroll pixel moves, so that the
 * deepest scroll position shows the last row: 1 when nothing is capped.
 */
export function scrollScale(geometry: ScrollGeometry): number {
  const { totalSize, layoutSize: laid, viewport, headerSize } = geometry
  if (totalSize <= laid) return 1
  const physicalRange = laid + headerSize - viewport
  const virtualRange = totalSize + headerSize - viewport
  if (physicalRange <= 0) return 1
  return virtualRange / physicalRange
}

/**
 * Returns where a row that starts at `start` in the table goes in the
 * laid-out area, given the table offset shown at the top (`offset`).
 */
export function layoutPosition(
  start: number,
  offset: number,
  scale: number,
): number {
  return start - offset + offset / scale
}
