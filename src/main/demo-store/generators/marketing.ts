import { idAt } from '../ids.ts'
import { cents } from '../random.ts'
import { DAY, payloadDate, simpleGenerator, spreadTime } from './common.ts'
import { ORDER_IDS } from './orders.ts'
import { productSku, productName, productId } from './product-summary.ts'
import { FIRST_NAMES, LAST_NAMES, PLACES, STREETS } from './words.ts'

export const promotions = simpleGenerator({
  key: 'promotions',
  ids: { base: 1, gapEvery: 3 },
  lastUpdateField: 'PromotionLastUpdate',
  editField: 'PromotionDescription',
  filters: [{ param: 'promotion', kind: 'contains', field: 'PromotionName' }],
  build(ctx, index, rng, id) {
    const start = spreadTime(index, ctx.counts.promotions, rng)
    const percent = index % 2 === 0
    const products = ctx.counts.products
    const productList =
      products > 0 ? [0, 1].map((n) => productId((index + n) % products)) : []
    return {
      PromotionID: id,
      PromotionName: percent
        ? `Save ${10 + (index % 4) * 5}%`
        : `$${5 + index} off`,
      PromotionDescription: `<p>Spring sale #${id}</p>`,
      PromotionStart: payloadDate(ctx, start),
      PromotionEnd: payloadDate(ctx, start + 30 * DAY),
      // Flags are integers here, not booleans.
      PromotionEnabled: index % 3 === 2 ? 0 : 1,
      PromotionByAmount: 0,
      PromotionCheckByAmount: 0,
      PromotionByQuantity: 0,
      PromotionCheckByQuantity: 0,
      PromotionByProduct: index % 2,
      // Ids packed into strings.
      PromotionByCategory: index % 2 === 1 ? ',8,9' : '',
      PromotionAmount: percent ? 0 : cents(5 + index + (index % 3) * 0.5),
      PromotionPercentage: percent ? 10 + (index % 4) * 5 : 0,
      PromotionPerItem: 0,
      PromotionCategory: '',
      PromotionProduct: index % 2 === 1 ? productList.join(',') : '',
      PromotionFreeShipping: index % 5 === 4 ? 1 : 0,
      PromotionFreeProduct: '',
      PromotionProduct1ID: 0,
      PromotionProduct1Quantity: 0,
      PromotionProduct2ID: 0,
      PromotionProduct2Quantity: 0,
      PromotionProduct3ID: 0,
      PromotionProduct3Quantity: 0,
      PromotionProductID: 0,
      PromotionProduct4Quantity: 0,
      PromotionCoupon:
        index % 3 === 0
          ? ''
          : `SAVE${id}${rng.chars(3, 'ABCDEFGHJKLMNPQRSTUVWXYZ')}`,
      PromotionUses: rng.int(0, 400),
      PromotionMaxUses: index % 2 === 0 ? 0 : 500,
      PromotionUsesPerCustomer: 1,
      PromotionGroupID: index % 4 === 3 ? '1,2' : '',
      PromotionUserid: 'Administrator',
      PromotionLastUpdate: payloadDate(ctx, start - DAY),
      PromotionByAmount2: 0,
      PromotionByQuantity2: 0,
      PromotionCountry: '',
      PromotionState: '',
      PromotionNonStackable: index % 2,
      PromotionRulesRetailPrice: 0,
      PromotionExcludeManufacturers: '',
      PromotionFreeProductPrice: 0,
      PromotionExcludePreorder: 0,
      PromotionExcludeSpecialOrder: 0,
      PromotionShippingDiscount: 0,
      PromotionShippingOptions: '',
      PromotionRecurringOrders: 0,
      PromotionBonusRewardPoints: 0,
    }
  },
})

export const giftRegistries = simpleGenerator({
  key: 'gift_registries',
  ids: { base: 1, gapEvery: 4 },
  lastUpdateField: 'LastUpdate',
  editField: 'Message',
  filters: [
    { param: 'datestartcreated', kind: 'date-start', field: 'Created' },
    { param: 'dateendcreated', kind: 'date-end', field: 'Created' },
    { param: 'datestartevent', kind: 'date-start', field: 'Event' },
    { param: 'dateendevent', kind: 'date-end', field: 'Event' },
    { param: 'datestartexpiration', kind: 'date-start', field: 'Expires' },
    { param: 'dateendexpiration', kind: 'date-end', field: 'Expires' },
  ],
  build(ctx, index, rng, id) {
    const created = spreadTime(index, ctx.counts.gift_registries, rng)
    const place = rng.pick(PLACES)
    const products = ctx.counts.products
    const items =
      products === 0
        ? []
        : Array.from(
            { length: index % 3 === 2 ? 0 : rng.int(1, 4) },
            (_, n) => {
              const product = (index * 7 + n * 3) % products
              const listed = rng.int(1, 4)
              const sold = rng.int(0, listed)
              const price = rng.money(10, 90)
              return {
                CatalogID: productId(product),
                SKU: productSku(ctx, product),
                ItemName: productName(ctx, product),
                Listed: listed,
                Price: price,
                Subtotal: cents(price * listed),
                Sold: sold,
                SoldOffline: 0,
              }
            },
          )
    return {
      CustomerAddressBook: {
        CustomerAddressId: id * 3,
        FirstName: rng.pick(FIRST_NAMES),
        LastName: rng.pick(LAST_NAMES),
        Address1: `${rng.int(1, 999)} ${rng.pick(STREETS)}`,
        Address2: '',
        City: place.city,
        State: place.state,
        ZipCode: place.zip,
        Country: place.country,
        Company: '',
        PhoneNumber: place.phone,
      },
      GiftRegistryID: id,
      Name: index % 2 === 0 ? `Wedding registry ${id}` : `Baby shower ${id}`,
      Created: payloadDate(ctx, created),
      LastUpdate: payloadDate(ctx, created + rng.int(0, 20) * DAY),
      Expires: payloadDate(ctx, created + 365 * DAY),
      Event: payloadDate(ctx, created + 90 * DAY),
      Message: 'Thank you for celebrating with us!',
      ShipToAddress: index % 2 === 0,
      Sold: items.reduce((sum, item) => sum + item.Sold, 0),
      Items: items.length,
      GiftRegistryItemList: items,
    }
  },
})

export const rmas = simpleGenerator({
  key: 'rmas',
  ids: { base: 1, gapEvery: 5 },
  editField: 'StaffComments',
  filters: [
    { param: 'rmastatusid', kind: 'int', field: 'RMAStatusID' },
    { param: 'rmareasonid', kind: 'int', field: 'RMAReasonID' },
    { param: 'rmamethodid', kind: 'int', field: 'RMAMethodID' },
    { param: 'datestart', kind: 'date-start', field: 'RmaDate' },
    { param: 'dateend', kind: 'date-end', field: 'RmaDate' },
  ],
  build(ctx, index, rng, id) {
    const products = ctx.counts.products
    const orderIndex =
      ctx.counts.orders > 0 ? (index * 37) % ctx.counts.orders : 0
    const product = products > 0 ? (index * 5) % products : 0
    const quantity = rng.int(1, 3)
    return {
      RMAID: id,
      RmaDate: payloadDate(ctx, spreadTime(index, ctx.counts.rmas, rng)),
      OrderID: idAt(ORDER_IDS, orderIndex),
      RMAReasonID: rng.int(1, 4),
      RMAMethodID: rng.int(1, 2),
      RMAStatusID: rng.int(1, 5),
      Comments: 'Wrong size, please exchange.',
      InternalComments:
        index % 2 === 0 ? 'Checked by warehouse\r\nOK to refund' : '',
      StaffComments: '',
      RMAItemList:
        products === 0
          ? []
          : [
              {
                CatalogID: productId(product),
                SKU: productSku(ctx, product),
                ItemName: productName(ctx, product),
                ReturnQuantity: quantity,
                ReceivedQuantity: index % 3 === 0 ? 0 : quantity,
                RestockQuantity: index % 3 === 0 ? 0 : quantity,
              },
            ],
    }
  },
})
