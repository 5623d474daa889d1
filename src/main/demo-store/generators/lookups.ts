import { idAt } from '../ids.ts'
import { simpleGenerator, payloadDate, spreadTime } from './common.ts'
import { COMPANIES, FIRST_NAMES, LAST_NAMES, PLACES, STREETS } from './words.ts'

/**
 * The store's status table. Ids 1-11 are built in; labels are merchant
 * text and several are renamed here. Ids above 11 differ between stores
 * (12 is "Review" in one client and "Recurring Orders" in another).
 */
export const ORDER_STATUSES: ReadonlyArray<[number, string, string, boolean]> =
  [
    [1, 'New', 'New', true],
    [2, 'Processing', 'Processing', true],
    [3, 'Partial', 'Partially Shipped', true],
    [4, 'Shipped', 'Dispatched', true],
    [5, 'Cancel', 'Cancelled', true],
    [6, 'Hold', 'On Hold', true],
    [7, 'Not Completed', 'Not Completed', false],
    [8, 'Custom 1', 'Awaiting Stock', true],
    [9, 'Custom 2', 'Custom 2', false],
    [10, 'Custom 3', 'Custom 3', false],
    [11, 'Unpaid', 'Unpaid', true],
    [12, 'Recurring Orders', 'Subscription', true],
    [13, 'Review', 'Fraud Review', true],
    [14, 'POS', 'In-Store Sale', true],
    [15, 'Custom 4', 'Back-Ordered', true],
    [16, 'Custom 5', 'Custom 5', false],
    [17, 'Custom 6', 'Custom 6', false],
    [18, 'Custom 7', 'Custom 7', false],
    [19, 'Custom 8', 'Custom 8', false],
  ]

export const orderStatuses = simpleGenerator({
  key: 'order_statuses',
  ids: { base: 1, gapEvery: 0 },
  editField: 'StatusText',
  build(_ctx, index) {
    const row = ORDER_STATUSES[index]
    const [id, definition, text, visible] = row ?? [
      index + 1,
      `Custom ${index - 10}`,
      `Custom ${index - 10}`,
      false,
    ]
    return {
      OrderStatusID: id,
      Sorting: id,
      StatusDefinition: definition,
      StatusText: text,
      Visible: visible,
    }
  },
})

export const CUSTOMER_GROUP_IDS = { base: 1, gapEvery: 3 }
export const MANUFACTURER_IDS = { base: 1, gapEvery: 4 }
export const DISTRIBUTOR_IDS = { base: 1, gapEvery: 5 }

export const customerGroupId = (index: number): number =>
  idAt(CUSTOMER_GROUP_IDS, index)
export const manufacturerId = (index: number): number =>
  idAt(MANUFACTURER_IDS, index)
export const distributorId = (index: number): number =>
  idAt(DISTRIBUTOR_IDS, index)

export const customerGroups = simpleGenerator({
  key: 'customer_groups',
  ids: CUSTOMER_GROUP_IDS,
  editField: 'Description',
  build(_ctx, index, rng, id) {
    const names = ['Wholesale', 'VIP', 'Staff', 'Retailers', 'Schools']
    const name = index < names.length ? names[index] : `Group ${id}`
    return {
      CustomerGroupID: id,
      Name: name,
      Description: index % 2 === 0 ? `${name} customers` : 'Testing 123',
      // Integral and fractional values in the same field, as recorded.
      MinimumOrder:
        index % 2 === 0 ? rng.int(0, 50) : rng.money(50, 200) + 0.25,
      NonTaxable: index === 2,
      AllowRegistration: index % 2 === 1,
      DisableRewardPoints: false,
      AutoApprove: index === 1,
      RegistrationMessage: '',
      PriceLevel: (index % 10) + 1,
    }
  },
})

export const manufacturers = simpleGenerator({
  key: 'manufacturers',
  ids: MANUFACTURER_IDS,
  lastUpdateField: 'LastUpdate',
  editField: 'PageTitle',
  filters: [
    { param: 'manufacturer', kind: 'contains', field: 'ManufacturerName' },
  ],
  build(ctx, index, rng, id) {
    const company = COMPANIES[index % COMPANIES.length] ?? 'Acme'
    const name = index < COMPANIES.length ? company : `${company} ${id}`
    return {
      ManufacturerID: id,
      ManufacturerName: name.toUpperCase().slice(0, 50),
      Logo: '',
      Sorting: index,
      Header: '',
      Website: `www.${name.toLowerCase().replace(/[^a-z0-9]+/g, '')}.example.com`,
      UserID: 'Administrator',
      LastUpdate: payloadDate(
        ctx,
        spreadTime(index, ctx.counts.manufacturers, rng),
      ),
      PageTitle: `${name} products`,
      MetaTags: `${name.toLowerCase()} catalog`,
      RedirectURL: '',
    }
  },
})

export const distributors = simpleGenerator({
  key: 'distributors',
  ids: DISTRIBUTOR_IDS,
  lastUpdateField: 'LastUpdate',
  editField: 'Comments',
  filters: [
    { param: 'company', kind: 'contains', field: 'CompanyName' },
    { param: 'email', kind: 'text', field: 'Email' },
    { param: 'country', kind: 'text', field: 'Country' },
    { param: 'state', kind: 'text', field: 'State' },
    { param: 'city', kind: 'text', field: 'City' },
    { param: 'phone', kind: 'text', field: 'Phone' },
  ],
  build(ctx, index, rng, id) {
    const place = PLACES[index % PLACES.length] ?? PLACES[0]!
    const company = `${COMPANIES[(index + 2) % COMPANIES.length]} Wholesale`
    return {
      DistributorID: id,
      CompanyName: company.slice(0, 50),
      ContactName: `${rng.pick(FIRST_NAMES)} ${rng.pick(LAST_NAMES)}`,
      Address: `${rng.int(10, 999)} ${rng.pick(STREETS)}`,
      Address2: '',
      City: place.city,
      State: place.state,
      Zip: place.zip,
      Country: place.country,
      Phone: place.phone,
      Fax: '',
      Email: `orders${id}@distributor.example.com`,
      Comments: index % 2 === 0 ? 'Ships Mon-Thu.\r\nNet 30.' : '',
      NotifyOnNewOrder: index % 2 === 0,
      NotifyOnNewOrderEmailSubject: 'New order [invoicenum]',
      NotifyOnNewOrderEmailMessage: '<p>Please ship the attached order.</p>',
      UserID: 'Administrator',
      LastUpdate: payloadDate(
        ctx,
        spreadTime(index, ctx.counts.distributors, rng),
      ),
      IsDropShipper: index % 3 === 0,
      NotifyOnCancelledOrder: false,
      NotifyOnCancelledOrderEmailSubject: '',
      NotifyOnCancelledOrderEmailMessage: '',
      POStyle: 1,
      POEmailNotification: index % 2 === 1,
      POShippingInfo: '',
      POPaymentInfo: '',
      POAdditionalNotes: '',
      POEmailSubject: 'Purchase order',
    }
  },
})
