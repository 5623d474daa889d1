import { cents, recordRng } from '../random.ts'
import type { EntityGenerator, GenContext, JsonRecord } from '../types.ts'
import { categoryId, categoryName } from './categories.ts'
import { editRecord, payloadDate } from './common.ts'
import { distributorId, manufacturerId } from './lookups.ts'
import {
  productId,
  productIndexOf,
  productSummary,
  type OptionGroup,
  type ProductSummary,
} from './product-summary.ts'
import { slug } from './words.ts'

/** Lists every combination of one value per option group. */
function combinations(groups: OptionGroup[]): OptionGroup['values'][] {
  let result: OptionGroup['values'][] = [[]]
  for (const group of groups) {
    result = result.flatMap((combo) => group.values.map((v) => [...combo, v]))
  }
  return groups.length === 0 ? [] : result
}

function optionSetList(summary: ProductSummary): JsonRecord[] {
  return summary.optionGroups.map((group, slot) => ({
    OptionSetID: group.id,
    OptionSetName: group.name,
    OptionSorting: slot,
    OptionRequired: true,
    OptionType: group.type,
    OptionURL: '',
    OptionAdditionalInformation: '',
    OptionSizeLimit: 0,
    OptionList: group.values.map((value, position) => ({
      OptionID: value.id,
      OptionName: value.name,
      OptionSelected: false,
      OptionHide: false,
      OptionValue: value.price,
      OptionPartNumber:
        position === 0 ? `${summary.sku}-${slug(value.name)}` : '',
      OptionSorting: position + 1,
      OptionImagePath: '',
      OptionBundleCatalogId: 0,
      OptionBundleQuantity: 1,
    })),
  }))
}

function advancedOptionList(
  ctx: GenContext,
  summary: ProductSummary,
): JsonRecord[] {
  const rng = recordRng(ctx.seed, 'products.variants', summary.index)
  return combinations(summary.optionGroups).map((combo) => {
    const extra = combo.reduce((sum, value) => sum + value.price, 0)
    return {
      AdvancedOptionCode: combo.map((value) => value.id).join(','),
      AdvancedOptionSufix: `${summary.sku}-${combo
        .map((value) => slug(value.name).toUpperCase())
        .join('-')}`.slice(0, 50),
      AdvancedOptionName: combo.map((value) => value.name).join(', '),
      AdvancedOptionCost: summary.cost,
      // Variant stock goes negative as in stores that oversell.
      AdvancedOptionStock: rng.int(-190, 120),
      AdvancedOptionWeight: summary.weight,
      AdvancedOptionPrice: cents(summary.price + extra),
      AdvancedOptionGTIN: '',
    }
  })
}

/** Builds an image path; "-old" paths return 404, like stale files. */
export function productImage(summary: ProductSummary, suffix: string): string {
  return `assets/images/${slug(summary.name)}-${summary.catalogId}${suffix}.jpg`
}

function description(summary: ProductSummary): string {
  const damaged = summary.index % 4 === 1
  return (
    `The ${summary.name} is made to last.\r\n<br><br>` +
    `<b>Care Instructions</b><br>\r\n` +
    // An encoded U+FFFD: text damaged before it ever reached the API.
    (damaged
      ? `Imported fabric &#65533; hand wash only.\r\n`
      : `Machine wash cold.\t\r\n`) +
    `<ul><li>Size &amp; fit: true to size</li><li>“Best seller”</li></ul>\r\n`
  )
}

function relatedIds(
  ctx: GenContext,
  summary: ProductSummary,
  salt: number,
): number[] {
  const rng = recordRng(ctx.seed, 'products.related', summary.index, salt)
  const count = ctx.counts.products
  const result: number[] = []
  for (let n = rng.int(1, 3); n > 0 && count > 1; n--) {
    const other = rng.int(0, count - 1)
    if (other !== summary.index) result.push(productId(other))
  }
  return result
}

export function buildProduct(ctx: GenContext, index: number): JsonRecord {
  const s = productSummary(ctx, index)
  const rng = recordRng(ctx.seed, 'products.detail', index)
  const id = s.catalogId
  const gallery = index % 4 === 1
  const eproduct = index % 11 === 10
  const hasImages = !s.giftCertificate
  return {
    SKUInfo: {
      CatalogID: id,
      SKU: s.sku,
      Name: s.name,
      Cost: s.cost,
      Price: s.price,
      RetailPrice: rng.chance(0.5) ? s.price : cents(s.price * 1.25),
      SalePrice: s.salePrice,
      OnSale: s.onSale,
      Stock: s.stock,
    },
    MFGID: index % 3 === 0 ? `MFG-${id}` : '',
    ShortDescription: s.giftCertificate
      ? ''
      : `${s.name}, our customers' favourite`,
    ManufacturerID:
      s.manufacturerIndex < 0 ? 0 : manufacturerId(s.manufacturerIndex),
    DistributorList: s.distributorIndexes.map((distributor) => ({
      DistributorID: distributorId(distributor),
      DistributorName: `Distributor ${distributorId(distributor)}`,
      DistributorItemCost: s.cost,
      DistributorItemID: `D-${id}`,
      DistributorStockID: '',
    })),
    LastUpdate: payloadDate(ctx, s.lastUpdate),
    UserID: null,
    GTIN: '',
    CategoryList: s.categoryIndexes.map((category) => ({
      CategoryID: categoryId(category),
      CategoryName: categoryName(ctx, category),
    })),
    NonTaxable: s.nonTaxable,
    NotForSale: s.notForSale,
    Hide: s.hide,
    GiftCertificate: s.giftCertificate,
    HomeSpecial: s.homeSpecial,
    CategorySpecial: s.categorySpecial,
    NonSearchable: s.nonSearchable,
    GiftWrapItem: index % 10 === 3,
    ShipCost: 0,
    Weight: s.weight,
    Height: 0,
    Width: 0,
    Depth: 0,
    SelfShip: s.selfShip,
    FreeShipping: s.freeShipping,
    RewardPoints: index % 5 === 2 ? rng.int(1, 50) : 0,
    RedeemPoints: 0,
    DisableRewards: s.disableRewards,
    StockAlert: index % 2 === 0 ? -10000 : 5,
    ReorderQuantity: 0,
    InStockMessage: index % 3 === 0 ? 'In-Stock' : '',
    OutOfStockMessage: index % 3 === 0 ? 'Out of stock' : '',
    BackOrderMessage: index % 3 === 0 ? 'Ships in 2 weeks' : '',
    WarehouseLocation: '',
    WarehouseBin: '',
    WarehouseAisle: '',
    WarehouseCustom: '',
    Description: s.giftCertificate ? '' : description(s),
    Keywords: index % 2 === 0 ? `${s.name.toLowerCase()}, gift` : '',
    ExtraField1: '',
    ExtraField2: '',
    ExtraField3: '',
    ExtraField4: '',
    ExtraField5: '',
    ExtraField6:
      index % 3 === 1 ? '<p>Free returns within <b>30 days</b>.</p>' : '',
    ExtraField7: '',
    ExtraField8: '',
    ExtraField9: '',
    ExtraField10: '',
    ExtraField11: '',
    ExtraField12: '',
    ExtraField13: '',
    FeatureList:
      index % 7 === 2
        ? [
            {
              FeatureID: id * 10 + 1,
              FeatureTitle: 'Durable',
              FeatureDescription: 'Built for daily use',
            },
            {
              FeatureID: id * 10 + 2,
              FeatureTitle: 'Warranty',
              FeatureDescription: '2 years',
            },
          ]
        : [],
    PluginList: {},
    MainImageFile: hasImages ? productImage(s, '-1') : '',
    MainImageCaption: hasImages ? s.name : '',
    ThumbnailFile: hasImages ? productImage(s, '-1_thumbnail') : '',
    MediaFile: '',
    AdditionalImageFile2: !hasImages
      ? ''
      : index % 9 === 7
        ? productImage(s, '-2-old')
        : productImage(s, '-2'),
    AdditionalImageCaption2: hasImages ? s.name : '',
    AdditionalImageFile3:
      hasImages && index % 2 === 0 ? productImage(s, '-3') : '',
    AdditionalImageCaption3: hasImages && index % 2 === 0 ? s.name : '',
    AdditionalImageFile4: '',
    AdditionalImageCaption4: '',
    ImageGalleryList: gallery
      ? [1, 2].map((n) => ({
          ImageGalleryID: id * 10 + n,
          ImageGalleryFile: productImage(s, `-gallery-${n}`),
          ImageGalleryCaption: '',
          ImageGallerySorting: n,
        }))
      : [],
    OptionSetList: optionSetList(s),
    AdvancedOptionList: advancedOptionList(ctx, s),
    RelatedProductList:
      index % 3 === 0
        ? relatedIds(ctx, s, 1).map((related, n) => ({
            RelatedIndexID: id * 10 + n,
            RelatedProductID: related,
            RelatedProductSorting: 0,
          }))
        : [],
    UpSellingItemList:
      index % 4 === 2
        ? relatedIds(ctx, s, 2).map((related, n) => ({
            UpSellingIndexID: id * 10 + n,
            UpSellingItemID: related,
            UpSellingItemSorting: n,
          }))
        : [],
    DiscountList:
      index % 5 === 1
        ? [2, 3].map((quantity) => ({
            DiscountID: id * 10 + quantity,
            DiscountPriceLevel: 1,
            DiscountLowbound: quantity,
            DiscountUpbound: quantity === 3 ? 0 : quantity,
            DiscountPrice: quantity === 2 ? 2.99 : 5,
            DiscountPercentage: quantity === 3,
          }))
        : [],
    DoNotUseCategoryOptions: false,
    DateCreated: payloadDate(ctx, s.dateCreated),
    ListingTemplateID: index % 7 === 0 ? -1 : 2,
    ListingTemplateName: '',
    LoginRequiredOptionID: null,
    LoginRequiredOptionName: '',
    LoginRequiredOptionRedirectTo: '',
    AllowAccessCustomerGroupID: null,
    AllowAccessCustomerGroupName: null,
    RMAMaxPeriod: '',
    TaxCode: '',
    DisplayText: '',
    MinimumQuantity: 1,
    MaximumQuantity: 0,
    AllowOnlyMultiples: false,
    AllowFractionalQuantity: false,
    QuantityOptions: index % 3 === 0 ? '1,2,3,4' : '',
    GroupOptionsForQuantityPricing: index % 3 === 0,
    ApplyQuantityDiscountToOptions: index % 3 === 0,
    EnableMakeAnOfferFeature: false,
    MinimumAcceptableOffer: '',
    ...priceLevels(s, rng.chance(0.3)),
    BuyButtonLink: '',
    ProductLink: `${ctx.storeUrl}/${s.fileName}`,
    Title: index % 2 === 0 ? `${s.name} | Demo Store` : '',
    CustomFileName: s.fileName,
    RedirectLink: '',
    MetaTags:
      index % 5 === 3 ? `<META name="description" content="${s.name}">` : '',
    SpecialInstructions: '',
    AssignKey: eproduct,
    ReUseKeys: false,
    SerialList: eproduct
      ? [1, 2].map((n) => ({
          SerialID: id * 10 + n,
          SerialUses: n - 1,
          SerialCode: `KEY-${id}-${n}`,
        }))
      : [],
    EProductList: eproduct
      ? [{ FileNumber: 1, FilePath: `downloads/${slug(s.name)}.pdf` }]
      : [],
  }
}

function priceLevels(s: ProductSummary, tiered: boolean): JsonRecord {
  const levels: JsonRecord = {}
  for (let level = 1; level <= 10; level++) {
    // Level 2 carries wholesale prices, integral or fractional.
    levels[`PriceLevel${level}`] =
      tiered && level === 2 ? cents(s.price * 0.85) : 0
    levels[`PriceLevel${level}Hide`] = false
  }
  return levels
}

export function productAttributes(ctx: GenContext, index: number): JsonRecord {
  const s = productSummary(ctx, index)
  return {
    sku: s.sku,
    name: s.name,
    price: s.price,
    cost: s.cost,
    stock: s.stock,
    hide: s.hide,
    freeShipping: s.freeShipping,
    onSale: s.onSale,
    nonTaxable: s.nonTaxable,
    notForSale: s.notForSale,
    giftCertificate: s.giftCertificate,
    homeSpecial: s.homeSpecial,
    categorySpecial: s.categorySpecial,
    nonSearchable: s.nonSearchable,
    selfShip: s.selfShip,
    disableRewards: s.disableRewards,
    lastUpdate: s.lastUpdate,
    categoryIds: s.categoryIndexes.map((category) => categoryId(category)),
    manufacturerId:
      s.manufacturerIndex < 0 ? 0 : manufacturerId(s.manufacturerIndex),
    distributorIds: s.distributorIndexes.map((d) => distributorId(d)),
  }
}

export const products: EntityGenerator = {
  key: 'products',
  id: (_ctx, index) => productId(index),
  indexOf: (_ctx, id) => productIndexOf(id),
  build: buildProduct,
  attributes: productAttributes,
  filters: [
    { param: 'sku', kind: 'text', field: 'sku' },
    { param: 'name', kind: 'contains', field: 'name' },
    { param: 'costfrom', kind: 'min', field: 'cost' },
    { param: 'costto', kind: 'max', field: 'cost' },
    { param: 'pricefrom', kind: 'min', field: 'price' },
    { param: 'priceto', kind: 'max', field: 'price' },
    { param: 'stockfrom', kind: 'min', field: 'stock' },
    { param: 'stockto', kind: 'max', field: 'stock' },
    { param: 'hide', kind: 'bool', field: 'hide' },
    { param: 'freeshipping', kind: 'bool', field: 'freeShipping' },
    { param: 'onsale', kind: 'bool', field: 'onSale' },
    { param: 'nontax', kind: 'bool', field: 'nonTaxable' },
    { param: 'notforsale', kind: 'bool', field: 'notForSale' },
    { param: 'giftcertificate', kind: 'bool', field: 'giftCertificate' },
    { param: 'homespecial', kind: 'bool', field: 'homeSpecial' },
    { param: 'categoryspecial', kind: 'bool', field: 'categorySpecial' },
    { param: 'nonsearchable', kind: 'bool', field: 'nonSearchable' },
    { param: 'selfship', kind: 'bool', field: 'selfShip' },
    { param: 'rewarddisable', kind: 'bool', field: 'disableRewards' },
    { param: 'lastupdatestart', kind: 'date-start', field: 'lastUpdate' },
    { param: 'lastupdateend', kind: 'date-end', field: 'lastUpdate' },
  ],
  touch(record, attributes, nowText, now) {
    editRecord(record, 'ShortDescription', 'LastUpdate', nowText)
    attributes['lastUpdate'] = now
  },
}
