/**
 * Typed columns of orders and products with their child tables, chosen from
 * the fields that recorded store payloads contain.
 */
import {
  bool,
  computed,
  date,
  int,
  money,
  paths,
  text,
  trimmed,
  type ColumnSpec,
  type EntityTableSpec,
} from './columns.ts'
import { sumDecimalField } from './decimal.ts'

const orderColumns: ColumnSpec[] = [
  text('InvoiceNumberPrefix'),
  int('InvoiceNumber'),
  computed(
    'text',
    'invoice_display',
    'Order number as the merchant sees it: prefix followed by number',
    ({ record }) => invoiceDisplay(record),
  ),
  int('CustomerID', 'customer_id', '0 for a guest checkout'),
  date('OrderDate'),
  int('OrderStatusID', 'order_status_id', 'See order_statuses; 7 = abandoned'),
  date('LastUpdate'),
  text('UserID', 'user_id', 'Who last changed the order'),
  text('SalesPerson'),
  text('AlternateOrderID', 'alternate_order_id'),
  text('OrderType'),
  text('BillingFirstName'),
  text('BillingLastName'),
  text('BillingCompany'),
  text('BillingAddress'),
  text('BillingAddress2'),
  text('BillingCity'),
  text('BillingState'),
  text('BillingZipCode'),
  text('BillingCountry'),
  text('BillingPhoneNumber'),
  text('BillingEmail'),
  text('BillingPaymentMethod'),
  text('BillingPaymentMethodID', 'billing_payment_method_id'),
  money('OrderAmount'),
  money('SalesTax'),
  money('SalesTax2', 'sales_tax2'),
  money('SalesTax3', 'sales_tax3'),
  computed(
    'decimal',
    'shipping_total',
    'Sum of ShipmentCost over the shipments',
    ({ record }) => sumDecimalField(record['ShipmentList'], 'ShipmentCost'),
  ),
  computed(
    'decimal',
    'shipping_tax_total',
    'Sum of ShipmentTax over the shipments',
    ({ record }) => sumDecimalField(record['ShipmentList'], 'ShipmentTax'),
  ),
  money('OrderDiscount'),
  money('OrderDiscountCoupon'),
  money('OrderDiscountPromotion'),
  money('AffiliateCommission'),
  text('CardType'),
  text('IP', 'ip'),
  text('CustomerComments'),
  text('ExternalComments'),
  computed(
    'boolean',
    'is_abandoned',
    '1 when the status is 7 (checkout not completed)',
    ({ record }) => record['OrderStatusID'] === 7,
  ),
]

function invoiceDisplay(record: Record<string, unknown>): string | null {
  const prefix = record['InvoiceNumberPrefix']
  const number = record['InvoiceNumber']
  if (number === undefined || number === null || number === '') return null
  const prefixText = typeof prefix === 'string' ? prefix : ''
  return `${prefixText}${String(sourceText(number))}`
}

/** Source text of a number parsed with its source kept (see json-source.ts). */
function sourceText(value: unknown): unknown {
  if (value !== null && typeof value === 'object' && 'rawJSON' in value) {
    return (value as { rawJSON: string }).rawJSON
  }
  return value
}

const orderItemColumns: ColumnSpec[] = [
  int('CatalogID', 'catalog_id'),
  int('ItemIndexID', 'item_index_id'),
  text('ItemID', 'item_id', 'SKU of the product or variant sold'),
  int('ItemShipmentID', 'item_shipment_id'),
  money('ItemQuantity', 'quantity'),
  text('ItemDescription', 'description'),
  money('ItemUnitPrice', 'unit_price'),
  money('ItemOptionPrice', 'option_price'),
  money('ItemUnitCost', 'unit_cost'),
  money('ItemWeight', 'weight'),
  text('ItemOptions', 'item_options', 'Option ids chosen, comma-separated'),
  date('ItemDateAdded', 'date_added'),
  int('ItemWarehouseID', 'warehouse_id'),
  text('ItemSerial', 'serial'),
]

const orderShipmentColumns: ColumnSpec[] = [
  int('ShipmentID', 'shipment_id'),
  int('ShipmentNumber', 'shipment_number'),
  date('ShipmentLastUpdate', 'last_update'),
  int('ShipmentOrderStatus', 'order_status_id'),
  text('ShipmentFirstName', 'first_name'),
  text('ShipmentLastName', 'last_name'),
  text('ShipmentCompany', 'company'),
  text('ShipmentAddress', 'address'),
  text('ShipmentAddress2', 'address2'),
  text('ShipmentCity', 'city'),
  text('ShipmentState', 'state'),
  text('ShipmentZipCode', 'zip_code'),
  text('ShipmentCountry', 'country'),
  text('ShipmentPhone', 'phone'),
  text('ShipmentEmail', 'email'),
  int('ShipmentMethodID', 'method_id'),
  text('ShipmentMethodName', 'method_name'),
  money('ShipmentCost', 'cost'),
  money('ShipmentTax', 'tax'),
  money('ShipmentWeight', 'weight'),
  int('ShipmentBoxes', 'boxes'),
  text(
    'ShipmentTrackingCode',
    'tracking_code_raw',
    'As received, padding kept',
  ),
  trimmed('ShipmentTrackingCode', 'tracking_code', 'Without padding'),
  date('ShipmentShippedDate', 'shipped_date', 'Free text in the store'),
]

const orderTransactionColumns: ColumnSpec[] = [
  int('TransactionIndexID', 'transaction_index_id'),
  text('TransactionID', 'transaction_id'),
  date('TransactionDateTime', 'transaction_date'),
  text('TransactionType', 'transaction_type'),
  text('TransactionMethod', 'method'),
  money('TransactionAmount', 'amount'),
  text('TransactionApproval', 'approval'),
  text('TransactionReference', 'reference'),
  int('TransactionGatewayID', 'gateway_id'),
  text('TransactionAVS', 'avs'),
  text('TransactionResponseText', 'response_text'),
  text('TransactionResponseCode', 'response_code'),
  int('TransactionCaptured', 'captured'),
]

const orderQuestionColumns: ColumnSpec[] = [
  int('QuestionID', 'question_id'),
  text('QuestionTitle', 'title'),
  text('QuestionAnswer', 'answer'),
  text('QuestionType', 'question_type'),
  int('QuestionCheckoutStep', 'checkout_step'),
  int('QuestionSorting', 'sorting'),
]

const orderPromotionColumns: ColumnSpec[] = [
  int('PromotionID', 'promotion_id'),
  text('PromotionName', 'name'),
  text('Coupon', 'coupon'),
  money('DiscountAmount', 'discount_amount'),
]

export const ORDER_TABLES: EntityTableSpec[] = [
  {
    key: 'orders',
    idType: 'INTEGER',
    columns: orderColumns,
    search: paths(
      'BillingFirstName',
      'BillingLastName',
      'BillingCompany',
      'BillingEmail',
      'BillingAddress',
      'BillingAddress2',
      'BillingCity',
      'BillingZipCode',
      'BillingPhoneNumber',
      'AlternateOrderID',
    ),
    searchColumns: ['invoice_display'],
    children: {
      OrderItemList: {
        columns: orderItemColumns,
        search: paths('ItemID'),
      },
      ShipmentList: {
        columns: orderShipmentColumns,
        search: paths(
          'ShipmentFirstName',
          'ShipmentLastName',
          'ShipmentCompany',
          'ShipmentEmail',
          'ShipmentAddress',
          'ShipmentCity',
          'ShipmentZipCode',
          'ShipmentTrackingCode',
        ),
      },
      TransactionList: { columns: orderTransactionColumns, search: [] },
      QuestionList: { columns: orderQuestionColumns, search: [] },
      PromotionList: {
        columns: orderPromotionColumns,
        search: paths('Coupon'),
      },
    },
  },
]

const productColumns: ColumnSpec[] = [
  int('SKUInfo.CatalogID', 'catalog_id'),
  text('SKUInfo.SKU', 'sku'),
  text('SKUInfo.Name', 'name'),
  money('SKUInfo.Price', 'price'),
  money('SKUInfo.RetailPrice', 'retail_price'),
  money('SKUInfo.SalePrice', 'sale_price'),
  bool('SKUInfo.OnSale', 'on_sale'),
  money('SKUInfo.Cost', 'cost'),
  money('SKUInfo.Stock', 'stock'),
  text('MFGID', 'mfgid'),
  text('GTIN', 'gtin'),
  int('ManufacturerID', 'manufacturer_id'),
  text('ManufacturerName'),
  money('Weight'),
  money('Height'),
  money('Width'),
  money('Depth'),
  money('ShipCost'),
  bool('Hide'),
  bool('NotForSale'),
  bool('NonTaxable'),
  bool('FreeShipping'),
  bool('GiftCertificate'),
  text('ShortDescription'),
  text('Description'),
  text('Keywords'),
  text('Title'),
  text('CustomFileName', 'custom_file_name', 'Page file name of the product'),
  text('ProductLink', 'url', 'Storefront address of the product page'),
  text('CanonicalUrl'),
  text('RedirectLink'),
  text('MetaTags'),
  text('MainImageFile'),
  text('MainImageCaption'),
  text('ThumbnailFile'),
  text('AdditionalImageFile2', 'additional_image_file2'),
  text('AdditionalImageFile3', 'additional_image_file3'),
  text('AdditionalImageFile4', 'additional_image_file4'),
  text('TaxCode'),
  money('MinimumQuantity'),
  money('MaximumQuantity'),
  date('DateCreated'),
  date('LastUpdate'),
  int('InventoryControl'),
  int('RewardPoints'),
]

const productCategoryColumns: ColumnSpec[] = [
  int('CategoryID', 'category_id'),
  text('CategoryName', 'category_name'),
]

const productOptionSetColumns: ColumnSpec[] = [
  int('OptionSetID', 'option_set_id'),
  text('OptionSetName', 'name'),
  text('OptionType', 'option_type'),
  bool('OptionRequired', 'required'),
  int('OptionSorting', 'sorting'),
  computed(
    'text',
    'option_names',
    'Names of the values of this option, separated by " | "',
    ({ record }) => listNames(record['OptionList'], 'OptionName'),
  ),
]

const productVariantColumns: ColumnSpec[] = [
  text('AdvancedOptionCode', 'option_ids', 'Option value ids, such as 393-491'),
  computed(
    'text',
    'option_values',
    'Names of the option values the ids stand for, separated by " | "',
    ({ record, parent }) => optionValueNames(record, parent),
  ),
  text('AdvancedOptionSufix', 'sku', 'SKU of the variant'),
  text('AdvancedOptionName', 'name'),
  money('AdvancedOptionPrice', 'price'),
  money('AdvancedOptionCost', 'cost'),
  money('AdvancedOptionStock', 'stock'),
  money('AdvancedOptionWeight', 'weight'),
  text('AdvancedOptionGTIN', 'gtin'),
]

const productImageColumns: ColumnSpec[] = [
  int('ImageGalleryID', 'image_id'),
  text('ImageGalleryFile', 'file'),
  text('ImageGalleryCaption', 'caption'),
  int('ImageGallerySorting', 'sorting'),
]

export const PRODUCT_TABLES: EntityTableSpec[] = [
  {
    key: 'products',
    idType: 'INTEGER',
    columns: productColumns,
    search: paths('SKUInfo.SKU', 'SKUInfo.Name', 'MFGID', 'GTIN'),
    children: {
      CategoryList: { columns: productCategoryColumns, search: [] },
      OptionSetList: { columns: productOptionSetColumns, search: [] },
      AdvancedOptionList: {
        columns: productVariantColumns,
        search: paths('AdvancedOptionSufix', 'AdvancedOptionGTIN'),
      },
      ImageGalleryList: { columns: productImageColumns, search: [] },
      RelatedProductList: {
        columns: [
          int('RelatedIndexID', 'related_index_id'),
          int('RelatedProductID', 'related_product_id'),
          int('RelatedProductSorting', 'sorting'),
        ],
        search: [],
      },
      UpSellingItemList: {
        columns: [
          int('UpSellingIndexID', 'upselling_index_id'),
          int('UpSellingItemID', 'upselling_product_id'),
          int('UpSellingItemSorting', 'sorting'),
        ],
        search: [],
      },
      DiscountList: {
        columns: [
          int('DiscountID', 'discount_id'),
          int('DiscountPriceLevel', 'price_level'),
          int('DiscountLowbound', 'min_quantity'),
          int('DiscountUpbound', 'max_quantity'),
          money('DiscountPrice', 'price'),
          bool('DiscountPercentage', 'is_percentage'),
        ],
        search: [],
      },
      DistributorList: {
        columns: [
          int('DistributorID', 'distributor_id'),
          text('DistributorName', 'distributor_name'),
          money('DistributorItemCost', 'item_cost'),
          text('DistributorItemID', 'item_id'),
          text('DistributorStockID', 'stock_id'),
        ],
        search: [],
      },
      FeatureList: {
        columns: [
          int('FeatureID', 'feature_id'),
          text('FeatureTitle', 'title'),
          text('FeatureDescription', 'description'),
        ],
        search: [],
      },
      EProductList: {
        columns: [int('FileNumber', 'file_number'), text('FilePath')],
        search: [],
      },
      SerialList: {
        columns: [
          int('SerialID', 'serial_id'),
          text('SerialCode', 'code'),
          int('SerialUses', 'uses'),
        ],
        search: [],
      },
    },
  },
]

function listNames(list: unknown, field: string): string | null {
  if (!Array.isArray(list)) return null
  const names = list
    .map((item: unknown) =>
      item !== null && typeof item === 'object'
        ? (item as Record<string, unknown>)[field]
        : undefined,
    )
    .filter((name): name is string => typeof name === 'string')
  return names.length > 0 ? names.join(' | ') : null
}

/**
 * Resolves a variant's option ids (`AdvancedOptionCode`, such as `393-491`)
 * to the option names of the parent product's option sets.
 */
function optionValueNames(
  variant: Record<string, unknown>,
  product: Record<string, unknown> | undefined,
): string | null {
  const code = variant['AdvancedOptionCode']
  if (typeof code !== 'string' || product === undefined) return null
  const names = new Map<string, string>()
  const sets = product['OptionSetList']
  if (Array.isArray(sets)) {
    for (const set of sets as Array<Record<string, unknown> | null>) {
      const options = set?.['OptionList']
      if (!Array.isArray(options)) continue
      for (const option of options as Array<Record<string, unknown> | null>) {
        const id = sourceText(option?.['OptionID'])
        const name = option?.['OptionName']
        if (id !== undefined && typeof name === 'string') {
          names.set(String(id), name)
        }
      }
    }
  }
  // Recorded codes join the ids of several options with "-" (`393-491`);
  // ItemOptions of order items use ",".
  const ids = code.split(/[,-]/).filter((id) => id.trim() !== '')
  const resolved = ids.map((id) => names.get(id.trim()))
  if (resolved.length === 0 || resolved.some((n) => n === undefined))
    return null
  return resolved.join(' | ')
}
