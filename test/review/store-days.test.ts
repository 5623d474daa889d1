import { describe, expect, it } from 'vitest'
import { StoreClock } from '../../src/main/archive/dates.ts'
import { withStoreDays } from '../../src/main/review/store-days.ts'
import type { ReviewFilter } from '../../src/shared/review-query.ts'

function dateView(from?: string, to?: string) {
  const filter: ReviewFilter = {
    kind: 'date',
    column: 'order_date_utc',
    ...(from === undefined ? {} : { from }),
    ...(to === undefined ? {} : { to }),
  }
  return { entity: 'orders', filters: [filter] }
}

describe('withStoreDays', () => {
  it('bounds a winter day in New York', () => {
    const clock = new StoreClock('America/New_York')
    const view = withStoreDays(dateView('2024-01-15', '2024-01-15'), clock)
    expect(view.filters[0]).toMatchObject({
      from: '2024-01-15T05:00:00Z',
      to: '2024-01-16T04:59:59Z',
    })
  })

  it('follows daylight saving time', () => {
    const clock = new StoreClock('Eastern Standard Time')
    // 10 March 2024 has 23 hours in New York.
    const view = withStoreDays(dateView('2024-03-10', '2024-03-10'), clock)
    expect(view.filters[0]).toMatchObject({
      from: '2024-03-10T05:00:00Z',
      to: '2024-03-11T03:59:59Z',
    })
  })

  it('starts a day whose midnight is skipped', () => {
    // Santiago moves from 00:00 to 01:00 on 8 September 2024, and Havana
    // on 10 March 2024: each day begins at its 01:00.
    const santiago = new StoreClock('America/Santiago')
    expect(
      withStoreDays(dateView('2024-09-08', '2024-09-08'), santiago).filters[0],
    ).toMatchObject({
      from: '2024-09-08T04:00:00Z',
      to: '2024-09-09T02:59:59Z',
    })
    expect(
      withStoreDays(dateView(undefined, '2024-09-07'), santiago).filters[0],
    ).toMatchObject({ to: '2024-09-08T03:59:59Z' })
    const havana = new StoreClock('America/Havana')
    expect(
      withStoreDays(dateView('2024-03-10'), havana).filters[0],
    ).toMatchObject({ from: '2024-03-10T05:00:00Z' })
  })

  it('applies a fixed offset', () => {
    const clock = new StoreClock('+05:30')
    const view = withStoreDays(dateView('2024-01-15'), clock)
    expect(view.filters[0]).toMatchObject({ from: '2024-01-14T18:30:00Z' })
  })

  it('keeps times and unknown zones', () => {
    const timed = dateView('2024-01-15T10:00:00Z')
    const clock = new StoreClock('America/New_York')
    expect(withStoreDays(timed, clock)).toEqual(timed)
    const bare = dateView('2024-01-15', '2024-01-16')
    expect(withStoreDays(bare, new StoreClock(null))).toBe(bare)
  })

  it('leaves other filters alone', () => {
    const view = {
      entity: 'orders',
      filters: [
        { kind: 'in', column: 'order_status_id', values: [1] },
      ] satisfies ReviewFilter[],
    }
    expect(withStoreDays(view, new StoreClock('America/New_York'))).toBe(view)
  })
})
