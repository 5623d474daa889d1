import { shortUsDate } from '../dates.ts'
import { idAt, indexOfId } from '../ids.ts'
import { cents, recordRng, type Rng } from '../random.ts'
import type { EntityGenerator, GenContext, JsonRecord } from '../types.ts'
import { DAY, editRecord, payloadDate, spreadTime } from './common.ts'
import { customerSummary, type CustomerSummary } from './customers.ts'
import { productSummary, type ProductSummary } from './product-summary.ts'
import {
  SHIPPING_METHODS,
  FIRST_NAMES,
  LAST_NAMES,
  PLACES,
  FOREIGN_PLACES,
  STREETS,
} from './words.ts'

export const ORDER_IDS = { base: 40054, gapEvery: 9 }

const ABANDONED = 7
const HIGH_STATUSES = [12, 13, 14, 15] as const
const COMMON_STATUSES = [1, 2, 3, 4, 4, 4, 4, 4, 4, 5, 6, 8, 11] as const

/** Fields that filters read and the full record repeats. */
export interface OrderSummary {
  index: number
  orderId: number
  invoiceNumber: number
  invoicePrefix: string
  statusId: number
  /** Naive store-local seconds. */
  orderDate: number
  lastUpdate: number
  customer: CustomerSummary | null
  billingEmail: string
}

export function orderSummary(ctx: GenContext, index: number): OrderSummary {
  const rng = recordRng(ctx.seed, 'orders', index)
  const guest = index % 3 === 0 || ctx.counts.customers === 0
  const customer = guest
    ? null
    : customerSummary(ctx, rng.int(0, ctx.counts.customers - 1))
  const statusId =
    index % 7 === 3
      ? ABANDONED
      : index % 11 === 5
        ? rng.pick(HIGH_STATUSES)
        : rng.pick(COMMON_STATUSES)
  let orderDate = spreadTime(index, ctx.counts.orders, rng)
  // Abandoned carts get their OrderID early and their date later, so ids
  // are not in date order.
  if (statusId === ABANDONED || index % 10 === 9)
    orderDate += rng.int(2, 6) * DAY
  return {
    index,
    orderId: idAt(ORDER_IDS, index),
    invoiceNumber: 24400 + index,
    invoicePrefix: index % 5 === 2 ? 'AB-' : '',
    statusId,
    orderDate,
    lastUpdate: orderDate + rng.int(0, 3 * DAY),
    customer,
    billingEmail:
      customer?.email ?? `guest${idAt(ORDER_IDS, index)}@example.com`,
  }
}

interface Line {
  record: JsonRecord
  total: number
}

function itemDescription(product: ProductSummary, choices: string[][]): string {
  return (
    product.name +
    choices
      .map(([group, value]) => `<br><b>${group}:</b>&nbsp;${value}`)
      .join('')
  )
}

function productLine(
  ctx: GenContext,
  order: OrderSummary,
  product: ProductSummary,
  lineId: number,
  rng: Rng,
): Line {
  const choices = product.optionGroups.map((group) => {
    const value = rng.pick(group.values)
    return { group, value }
  })
  const optionPrice = cents(choices.reduce((sum, c) => sum + c.value.price, 0))
  const quantity = rng.chance(0.8) ? 1 : rng.int(2, 4)
  const unitPrice = product.salePrice > 0 ? product.salePrice : product.price
  const suffix = choices.map((c) => c.value.name.split(' ')[0]).join('-')
  return {
    total: cents(quantity * (unitPrice + optionPrice)),
    record: {
      CatalogID: product.catalogId,
      ItemIndexID: lineId,
      ItemID:
        suffix === '' ? product.sku : `${product.sku}-${suffix}`.slice(0, 150),
      ItemShipmentID: 0,
      ItemQuantity: quantity,
      ItemWarehouseID: 0,
      ItemDescription: itemDescription(
        product,
        choices.map((c) => [c.group.name, c.value.name]),
      ),
      ItemUnitPrice: unitPrice,
      ItemWeight: product.weight,
      ItemOptionPrice: optionPrice,
      ItemAdditionalField1: '',
      ItemAdditionalField2: '',
      ItemAdditionalField3: rng.chance(0.1) ? 'Gift wrap' : '',
      ItemPageAdded: rng.chance(0.7) ? product.fileName : '',
      ItemDateAdded: payloadDate(ctx, order.orderDate - rng.int(60, 3600)),
      ItemUnitCost: product.cost,
      // A stock snapshot at order time; stores that oversell go negative.
      ItemUnitStock: rng.chance(0.4) ? -rng.int(1, 1700) : rng.int(0, 600),
      // Comma lists with a leading comma, as the API writes them.
      ItemOptions: choices.map((c) => `,${c.value.id}`).join(''),
      ItemCatalogIDOptions: '',
    },
  }
}

/** A zero-price line whose option price carries a discount. */
function discountLine(
  ctx: GenContext,
  order: OrderSummary,
  lineId: number,
): Line {
  const amount = -cents(3.333 + (order.index % 5))
  return {
    total: amount,
    record: {
      ...emptyLine(ctx, order, lineId),
      ItemID: 'DISCOUNT',
      ItemDescription: 'Quantity discount: <b>10% off</b>',
      ItemOptionPrice: amount,
    },
  }
}

function emptyLine(
  ctx: GenContext,
  order: OrderSummary,
  lineId: number,
): JsonRecord {
  return {
    CatalogID: 0,
    ItemIndexID: lineId,
    ItemID: '',
    ItemShipmentID: 0,
    ItemQuantity: 1,
    ItemWarehouseID: 0,
    ItemDescription: '',
    ItemUnitPrice: 0,
    ItemWeight: 0,
    ItemOptionPrice: 0,
    ItemAdditionalField1: '',
    ItemAdditionalField2: '',
    ItemAdditionalField3: '',
    ItemPageAdded: '',
    ItemDateAdded: payloadDate(ctx, order.orderDate),
    ItemUnitCost: 0,
    ItemUnitStock: 0,
    ItemOptions: '',
    ItemCatalogIDOptions: '',
  }
}

function kitLines(
  ctx: GenContext,
  order: OrderSummary,
  kit: ProductSummary,
  firstLineId: number,
  rng: Rng,
): Line[] {
  const parent = productLine(ctx, order, kit, firstLineId, rng)
  parent.record['ItemDescription'] = `${kit.name} Bundle`
  const components = [1, 2].map((n) => {
    const part = productSummary(ctx, rng.int(0, ctx.counts.products - 1))
    return {
      total: 0,
      record: {
        ...emptyLine(ctx, order, firstLineId + n),
        CatalogID: part.catalogId,
        ItemID: part.sku,
        ItemDescription: `KIT ITEM:${part.name}`,
        ItemCatalogIDOptions: `,${kit.catalogId},${part.catalogId}`,
      },
    }
  })
  return [parent, ...components]
}

function orderLines(ctx: GenContext, order: OrderSummary, rng: Rng): Line[] {
  const lines: Line[] = []
  const firstId = 37000 + order.index * 10
  const products = ctx.counts.products
  if (products === 0) return lines
  const count = rng.chance(0.6) ? 1 : rng.int(2, 6)
  for (let n = 0; n < count; n++) {
    const product = productSummary(ctx, rng.int(0, products - 1))
    lines.push(productLine(ctx, order, product, firstId + lines.length, rng))
  }
  if (order.index % 8 === 2) {
    const kit = productSummary(ctx, rng.int(0, products - 1))
    lines.push(...kitLines(ctx, order, kit, firstId + lines.length, rng))
  }
  if (order.index % 6 === 1)
    lines.push(discountLine(ctx, order, firstId + lines.length))
  return lines
}

interface Address {
  first: string
  last: string
  company: string
  street: string
  street2: string
  city: string
  state: string
  zip: string
  country: string
  phone: string
  email: string
}

function billingAddress(order: OrderSummary, rng: Rng): Address {
  const c = order.customer
  const foreign = order.index % 9 === 4
  const place = foreign
    ? rng.pick(FOREIGN_PLACES)
    : (c?.place ?? rng.pick(PLACES))
  return {
    first: c?.firstName ?? rng.pick(FIRST_NAMES),
    last: c?.lastName ?? rng.pick(LAST_NAMES),
    company: c?.company ?? '',
    street: c?.address ?? `${rng.int(1, 999)} ${rng.pick(STREETS)}`,
    street2: rng.chance(0.3) ? 'Unit 1' : '',
    city: place.city,
    state: place.state,
    zip: place.zip,
    country: place.country,
    phone: rng.chance(0.2) ? '' : place.phone.replace(/\D/g, ''),
    email: order.billingEmail,
  }
}

function shipment(
  ctx: GenContext,
  order: OrderSummary,
  address: Address,
  number: number,
  rng: Rng,
): { record: JsonRecord; cost: number } {
  const shipped = order.statusId === 4 || order.statusId === 3
  const cost = order.index % 13 === 0 ? 0 : rng.money(4, 25)
  const weight = rng.chance(0.5) ? rng.int(1, 6) : cents(rng.int(1, 11) / 2)
  const tracking = shipped ? `1Z${rng.chars(16, '0123456789')}` : ''
  return {
    cost,
    record: {
      ShipmentID: 0,
      ShipmentLastUpdate: payloadDate(ctx, order.lastUpdate),
      ShipmentBoxes: 1,
      ShipmentInternalComment: '',
      ShipmentOrderStatus: order.statusId,
      ShipmentAddress: address.street,
      ShipmentAddress2: address.street2,
      ShipmentAlias: '',
      ShipmentCity: address.city,
      ShipmentCompany: address.company,
      ShipmentCost: cost,
      ShipmentCountry: address.country,
      ShipmentEmail: '',
      ShipmentFirstName: address.first,
      ShipmentLastName: address.last,
      ShipmentMethodID: 0,
      ShipmentMethodName: rng.pick(SHIPPING_METHODS),
      ShipmentShippedDate: shipped ? shortUsDate(order.lastUpdate) : '',
      ShipmentPhone: address.phone,
      ShipmentState: address.state,
      ShipmentZipCode: address.zip,
      ShipmentTax: rng.chance(0.7) ? 0 : cents(cost * 0.06),
      ShipmentWeight: weight,
      // A fixed-width column: codes come back padded with spaces to 50.
      ShipmentTrackingCode: tracking === '' ? '' : tracking.padEnd(50, ' '),
      ShipmentUserID: shipped
        ? rng.chance(0.5)
          ? 'API'
          : 'Shipping Dept'
        : '',
      ShipmentNumber: number,
      ShipmentAddressTypeID: 0,
    },
  }
}

function transaction(
  ctx: GenContext,
  order: OrderSummary,
  n: number,
  method: string,
  amount: number,
  rng: Rng,
): JsonRecord {
  const paypal = method === 'Paypal Express'
  return {
    TransactionIndexID: 16000 + order.index * 3 + n,
    OrderID: order.orderId,
    TransactionID:
      method === 'Gift Certificate'
        ? ''
        : paypal
          ? `Completed : ${rng.chars(17, 'ABCDEFGHJKLMNPQRSTUVWXYZ0123456789')}`
          : rng.chars(10, '0123456789'),
    TransactionDateTime: payloadDate(ctx, order.orderDate),
    TransactionType: rng.chance(0.05) ? 'CBA' : 'Sale',
    TransactionMethod: method,
    TransactionAmount: amount,
    TransactionApproval:
      paypal || method === 'Gift Certificate' ? '' : rng.chars(6, '0123456789'),
    TransactionReference:
      method === 'Gift Certificate'
        ? `GC${rng.chars(7, '0123456789')}`
        : method,
    TransactionGatewayID: method === 'Gift Certificate' ? 0 : paypal ? 33 : 12,
    TransactionCVV2: '',
    TransactionAVS: paypal ? '' : 'Y',
    TransactionResponseText: '',
    TransactionResponseCode: '',
    TransactionCaptured: paypal ? 0 : 1,
  }
}

const GATEWAY_DEBUG =
  'Gateway response:\tDECLINED\r\nReason:\tAVS mismatch \r\nRetry:\tcustomer left checkout\r\n'

export function buildOrder(ctx: GenContext, index: number): JsonRecord {
  const order = orderSummary(ctx, index)
  const rng = recordRng(ctx.seed, 'orders.detail', index)
  const abandoned = order.statusId === ABANDONED
  const address = billingAddress(order, rng)
  const lines = orderLines(ctx, order, rng)
  const shipments = [1, ...(order.index % 10 === 6 ? [2] : [])].map((n) =>
    shipment(ctx, order, address, n, rng),
  )
  const itemsTotal = lines.reduce((sum, line) => sum + line.total, 0)
  const shipping = shipments.reduce((sum, s) => sum + s.cost, 0)
  const salesTax = address.state === 'MD' ? cents(itemsTotal * 0.06) : 0
  const discount = order.index % 12 === 5 ? 5 : 0
  const amount = cents(itemsTotal + shipping + salesTax - discount)
  const method = rng.pick(['Paypal Express', 'Credit Card', 'Credit Card'])
  const card = method === 'Credit Card'
  const splitGift = !abandoned && order.index % 4 === 0 && amount > 10
  const transactions = abandoned
    ? []
    : splitGift
      ? [
          transaction(ctx, order, 0, method, cents(amount - 10), rng),
          transaction(ctx, order, 1, 'Gift Certificate', 10, rng),
        ]
      : [transaction(ctx, order, 0, method, amount, rng)]
  return {
    InvoiceNumberPrefix: order.invoicePrefix,
    InvoiceNumber: order.invoiceNumber,
    OrderID: order.orderId,
    CustomerID: order.customer?.customerId ?? 0,
    OrderDate: payloadDate(ctx, order.orderDate),
    OrderStatusID: order.statusId,
    LastUpdate: payloadDate(ctx, order.lastUpdate),
    UserID: abandoned ? '' : rng.pick(['API', 'Shipping Dept', '']),
    SalesPerson: '',
    ContinueURL: `${ctx.storeUrl}/continue_order.asp?orderkey=${rng.chars(15, 'abcdefghijklmnopqrstuvwxyz0123456789')}${order.orderId}`,
    BillingFirstName: address.first,
    BillingLastName: address.last,
    BillingCompany: address.company,
    BillingAddress: address.street,
    BillingAddress2: address.street2,
    BillingCity: address.city,
    BillingState: address.state,
    BillingZipCode: address.zip,
    BillingCountry: address.country,
    BillingPhoneNumber: address.phone,
    BillingEmail: address.email,
    BillingPaymentMethod: abandoned ? '' : method,
    BillingOnLinePayment: !abandoned,
    BillingPaymentMethodID: card ? '1' : '11',
    ShipmentList: shipments.map((s) => s.record),
    OrderItemList: lines.map((line) => line.record),
    OrderDiscount: discount,
    SalesTax: salesTax,
    SalesTax2: 0,
    SalesTax3: 0,
    OrderAmount: amount,
    AffiliateCommission: 0,
    TransactionList: transactions,
    CardType: card ? rng.pick(['Visa', 'MasterCard', 'AmericanExpress']) : '',
    CardNumber: card ? `XXXX-XXXX-XXXX-${rng.chars(4, '0123456789')}` : '',
    CardName: `${address.first} ${address.last}`,
    CardExpirationMonth: card ? String(rng.int(1, 12)) : '',
    CardExpirationYear: card ? String(rng.int(2025, 2030)) : '',
    CardIssueNumber: '',
    CardStartMonth: '',
    CardStartYear: '',
    CardAddress: '',
    CardVerification: card
      ? rng.chars(
          24,
          'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/',
        )
      : '',
    RewardPoints: '',
    QuestionList:
      order.index % 5 === 0
        ? [
            {
              OrderID: order.orderId,
              QuestionID: 2,
              QuestionTitle:
                'I agree to the Terms & Conditions and Return Policy',
              QuestionAnswer: '',
              QuestionType: 'Checkbox',
              QuestionCheckoutStep: 1,
              QuestionSorting: 1,
              QuestionDiscountGroup: 0,
            },
          ]
        : [],
    Referer: rng.chance(0.5) ? 'https://www.google.com/' : `${ctx.storeUrl}/`,
    IP: `203.0.113.${rng.int(1, 254)}`,
    CustomerComments:
      order.index % 6 === 4 ? 'Please leave at the back door.\r\nThanks!' : '',
    InternalComments: abandoned ? GATEWAY_DEBUG : '',
    ExternalComments:
      order.statusId === 4 && rng.chance(0.3)
        ? `${shortUsDate(order.lastUpdate)} by Automated Script`
        : '',
  }
}

export const orders: EntityGenerator = {
  key: 'orders',
  id: (_ctx, index) => idAt(ORDER_IDS, index),
  indexOf: (_ctx, id) => indexOfId(ORDER_IDS, id),
  build: buildOrder,
  attributes(ctx, index) {
    const o = orderSummary(ctx, index)
    return {
      invoiceNumber: o.invoiceNumber,
      invoicePrefix: o.invoicePrefix,
      statusId: o.statusId,
      orderDate: o.orderDate,
      lastUpdate: o.lastUpdate,
      billingEmail: o.billingEmail,
    }
  },
  filters: [
    { param: 'invoicenumber', kind: 'int', field: 'invoiceNumber' },
    { param: 'invoicenumberstart', kind: 'min', field: 'invoiceNumber' },
    { param: 'invoicenumberend', kind: 'max', field: 'invoiceNumber' },
    { param: 'invoiceprefix', kind: 'text', field: 'invoicePrefix' },
    { param: 'orderstatus', kind: 'int', field: 'statusId' },
    { param: 'datestart', kind: 'date-start', field: 'orderDate' },
    { param: 'dateend', kind: 'date-end', field: 'orderDate' },
    { param: 'lastupdatestart', kind: 'date-start', field: 'lastUpdate' },
    { param: 'lastupdateend', kind: 'date-end', field: 'lastUpdate' },
    { param: 'billingemail', kind: 'text', field: 'billingEmail' },
  ],
  touch(record, attributes, nowText, now) {
    editRecord(record, 'InternalComments', 'LastUpdate', nowText)
    attributes['lastUpdate'] = now
  },
}
