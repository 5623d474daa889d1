import { hashString, recordRng, mix } from '../random.ts'
import { idAt, indexOfId } from '../ids.ts'
import type { EntityGenerator, GenContext, JsonRecord } from '../types.ts'
import { DAY, editRecord, spreadTime } from './common.ts'
import { customerGroupId } from './lookups.ts'
import {
  COMPANIES,
  FIRST_NAMES,
  FOREIGN_PLACES,
  LAST_NAMES,
  PLACES,
  STREETS,
  type Place,
} from './words.ts'

export const CUSTOMER_IDS = { base: 2, gapEvery: 4 }

/** The parts of a customer that orders copy into their billing fields. */
export interface CustomerSummary {
  index: number
  customerId: number
  firstName: string
  lastName: string
  email: string
  company: string
  address: string
  place: Place
  groupId: number
  /** Naive seconds; the API filters by it but never returns it. */
  lastUpdate: number
}

export function customerId(index: number): number {
  return idAt(CUSTOMER_IDS, index)
}

export function customerSummary(
  ctx: GenContext,
  index: number,
): CustomerSummary {
  const rng = recordRng(ctx.seed, 'customers', index)
  const id = customerId(index)
  const firstName = rng.pick(FIRST_NAMES)
  const lastName = rng.pick(LAST_NAMES)
  const foreign = index % 8 === 6
  const groups = ctx.counts.customer_groups
  return {
    index,
    customerId: id,
    firstName,
    lastName,
    email: `customer${id}@example.com`,
    company: index % 3 === 0 ? rng.pick(COMPANIES) : '',
    address: `${rng.int(1, 9999)} ${rng.pick(STREETS)}`,
    place: foreign ? rng.pick(FOREIGN_PLACES) : rng.pick(PLACES),
    groupId:
      groups > 0 && index % 4 === 1 ? customerGroupId(index % groups) : 0,
    lastUpdate:
      spreadTime(index, ctx.counts.customers, rng) + rng.int(0, 60) * DAY,
  }
}

/** null, "", the literal text "null", or a value: all four occur in real data. */
function unsetStyle(index: number, value: string): string | null {
  switch (index % 5) {
    case 0:
      return null
    case 1:
      return ''
    case 2:
      return 'null'
    default:
      return value
  }
}

function buildCustomer(ctx: GenContext, index: number): JsonRecord {
  const c = customerSummary(ctx, index)
  const rng = recordRng(ctx.seed, 'customers.detail', index)
  const noShipping = index % 7 === 6
  const shipValue = <T>(value: T): T | null => (noShipping ? null : value)
  const hash = (mix(hashString(c.email), ctx.seed) >>> 0).toString(16)
  return {
    CustomerID: c.customerId,
    Email: c.email,
    Password: hash.padStart(8, '0').repeat(4),
    BillingCompany: c.company,
    BillingFirstName: c.firstName,
    BillingLastName: c.lastName,
    BillingAddress1: c.address,
    BillingAddress2: unsetStyle(index, 'Suite 200'),
    BillingCity: c.place.city,
    BillingState: c.place.state,
    BillingZipCode: c.place.zip,
    BillingCountry: c.place.country,
    BillingPhoneNumber: index % 6 === 5 ? null : c.place.phone,
    BillingTaxID: index % 10 === 9 ? 'TX-448812' : null,
    ShippingCompany: c.company === '' ? null : shipValue(c.company),
    ShippingFirstName: shipValue(
      index % 4 === 3 ? rng.pick(FIRST_NAMES) : c.firstName,
    ),
    ShippingLastName: shipValue(c.lastName),
    ShippingAddress1: shipValue(c.address),
    ShippingAddress2: noShipping ? null : unsetStyle(index + 3, 'Unit 1'),
    ShippingCity: shipValue(c.place.city),
    ShippingState: noShipping ? 'AL' : c.place.state,
    ShippingZipCode: shipValue(c.place.zip),
    ShippingCountry: c.place.country,
    ShippingPhoneNumber: shipValue(c.place.phone),
    ShippingAddressType: index % 3 === 0 ? 0 : 1,
    CustomerGroupID: c.groupId,
    Enabled: index % 9 !== 5,
    MailList: index % 2 === 0,
    NonTaxable: index % 15 === 14,
    DisableBillingSameAsShipping: index % 4 === 3,
    Comments: index % 11 === 4 ? 'Prefers phone contact' : null,
    AdditionalField1: null,
    AdditionalField2: null,
    AdditionalField3: null,
    TotalStoreCredit: index % 6 === 2 ? rng.money(5, 40) : 0,
    ResetPassword: false,
  }
}

export const customers: EntityGenerator = {
  key: 'customers',
  id: (_ctx, index) => customerId(index),
  indexOf: (_ctx, id) => indexOfId(CUSTOMER_IDS, id),
  build: buildCustomer,
  attributes(ctx, index) {
    const c = customerSummary(ctx, index)
    return {
      email: c.email,
      firstName: c.firstName,
      lastName: c.lastName,
      country: c.place.country,
      state: c.place.state,
      city: c.place.city,
      phone: c.place.phone,
      groupId: c.groupId,
      lastUpdate: c.lastUpdate,
    }
  },
  filters: [
    { param: 'email', kind: 'text', field: 'email' },
    { param: 'firstname', kind: 'text', field: 'firstName' },
    { param: 'lastname', kind: 'text', field: 'lastName' },
    { param: 'country', kind: 'text', field: 'country' },
    { param: 'state', kind: 'text', field: 'state' },
    { param: 'city', kind: 'text', field: 'city' },
    { param: 'phone', kind: 'text', field: 'phone' },
    { param: 'lastupdatestart', kind: 'date-start', field: 'lastUpdate' },
    { param: 'lastupdateend', kind: 'date-end', field: 'lastUpdate' },
  ],
  touch(record, attributes, _nowText, now) {
    // Customers carry no timestamp, so only the hidden one moves.
    editRecord(record, 'BillingAddress1', undefined, '')
    attributes['lastUpdate'] = now
  },
}
