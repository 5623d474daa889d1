/**
 * Record ids with gaps, as in a store where records were deleted over the
 * years: id = base + index + floor(index / gapEvery). Strictly increasing,
 * so ascending index order is ascending primary-key order.
 */
export interface IdScheme {
  base: number
  /** One id is skipped after every `gapEvery` records; 0 means no gaps. */
  gapEvery: number
}

export function idAt(scheme: IdScheme, index: number): number {
  const gaps = scheme.gapEvery > 0 ? Math.floor(index / scheme.gapEvery) : 0
  return scheme.base + index + gaps
}

/** Index whose id is `id`, or -1 when no record has that id. */
export function indexOfId(scheme: IdScheme, id: number): number {
  if (!Number.isInteger(id) || id < scheme.base) return -1
  const offset = id - scheme.base
  const guess =
    scheme.gapEvery > 0
      ? Math.floor((offset * scheme.gapEvery) / (scheme.gapEvery + 1))
      : offset
  for (let index = Math.max(0, guess - 2); index <= guess + 2; index++) {
    if (idAt(scheme, index) === id) return index
  }
  return -1
}
