import { describe, expect, it } from 'vitest'
import {
  ENTITIES,
  getEntity,
  isEntityKey,
  readRecordId,
} from '../../src/shared/entities.ts'

describe('entity catalogue', () => {
  it('uses the API page maximums', () => {
    expect(getEntity('orders').maxPageSize).toBe(300)
    expect(getEntity('products').maxPageSize).toBe(200)
    expect(getEntity('customers').maxPageSize).toBe(500)
  })

  it('names tables in snake_case plural', () => {
    for (const entity of ENTITIES) {
      expect(entity.key).toMatch(/^[a-z]+(_[a-z]+)*$/)
      for (const child of entity.childLists) {
        expect(child.table).toMatch(/^[a-z]+(_[a-z]+)*$/)
      }
    }
  })

  it('keeps sensitive entities off by default', () => {
    const tokens = getEntity('payment_tokens')
    expect(tokens.sensitive).toBe(true)
    expect(tokens.defaultSelected).toBe(false)
    expect(getEntity('orders').defaultSelected).toBe(true)
  })

  it('reads nested product ids', () => {
    const products = getEntity('products')
    expect(readRecordId(products, { SKUInfo: { CatalogID: 14 } })).toBe(14)
    expect(readRecordId(products, { SKUInfo: null })).toBeUndefined()
    expect(readRecordId(getEntity('orders'), { OrderID: '7' })).toBe('7')
  })

  it('recognises entity keys', () => {
    expect(isEntityKey('orders')).toBe(true)
    expect(isEntityKey('order')).toBe(false)
  })
})
