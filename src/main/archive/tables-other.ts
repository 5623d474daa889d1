/**
 * Typed columns of the entities other than orders and products. Fields of
 * entities without recorded payloads follow the API's object definitions.
 */
import {
  bool,
  date,
  int,
  money,
  paths,
  text,
  type EntityTableSpec,
} from './columns.ts'

const customers: EntityTableSpec = {
  key: 'customers',
  idType: 'INTEGER',
  columns: [
    text('Email'),
    text('BillingFirstName'),
    text('BillingLastName'),
    text('BillingCompany'),
    text('BillingAddress1'),
    text('BillingAddress2'),
    text('BillingCity'),
    text('BillingState'),
    text('BillingZipCode'),
    text('BillingCountry'),
    text('BillingPhoneNumber'),
    text('BillingTaxID', 'billing_tax_id'),
    text('ShippingFirstName'),
    text('ShippingLastName'),
    text('ShippingCompany'),
    text('ShippingAddress1'),
    text('ShippingAddress2'),
    text('ShippingCity'),
    text('ShippingState'),
    text('ShippingZipCode'),
    text('ShippingCountry'),
    text('ShippingPhoneNumber'),
    int('ShippingAddressType'),
    int('CustomerGroupID', 'customer_group_id'),
    bool('Enabled'),
    bool('MailList'),
    bool('NonTaxable'),
    money('TotalStoreCredit'),
    text('Comments'),
    date('LastUpdate'),
  ],
  search: paths(
    'Email',
    'BillingFirstName',
    'BillingLastName',
    'BillingCompany',
    'BillingAddress1',
    'BillingCity',
    'BillingZipCode',
    'BillingPhoneNumber',
    'ShippingFirstName',
    'ShippingLastName',
    'ShippingCompany',
    'ShippingAddress1',
    'ShippingCity',
    'ShippingZipCode',
  ),
  children: {},
}

const categories: EntityTableSpec = {
  key: 'categories',
  idType: 'INTEGER',
  columns: [
    text('CategoryName', 'name'),
    int('CategoryParent', 'parent_id', '0 for a top-level category'),
    bool('CategoryMain', 'is_main'),
    text('Link'),
    bool('Hide'),
    int('Sorting'),
    text('CategoryDescription', 'description'),
    text('Title'),
    text('CustomFileName', 'custom_file_name'),
    text('MetaTags'),
    date('LastUpdate'),
  ],
  search: paths('CategoryName'),
  children: {},
}

const manufacturers: EntityTableSpec = {
  key: 'manufacturers',
  idType: 'INTEGER',
  columns: [
    text('ManufacturerName', 'name'),
    text('Website'),
    text('Logo'),
    int('Sorting'),
    text('PageTitle'),
    text('FileName'),
    date('LastUpdate'),
  ],
  search: paths('ManufacturerName'),
  children: {},
}

const distributors: EntityTableSpec = {
  key: 'distributors',
  idType: 'INTEGER',
  columns: [
    text('CompanyName'),
    text('ContactName'),
    text('Email'),
    text('Phone'),
    text('Address'),
    text('Address2'),
    text('City'),
    text('State'),
    text('Zip'),
    text('Country'),
    bool('IsDropShipper'),
    date('LastUpdate'),
  ],
  search: paths('CompanyName', 'ContactName', 'Email'),
  children: {},
}

const customerGroups: EntityTableSpec = {
  key: 'customer_groups',
  idType: 'INTEGER',
  columns: [
    text('Name'),
    text('Description'),
    money('MinimumOrder'),
    int('PriceLevel'),
    bool('NonTaxable'),
    bool('AllowRegistration'),
    bool('AutoApprove'),
  ],
  search: paths('Name'),
  children: {},
}

const orderStatuses: EntityTableSpec = {
  key: 'order_statuses',
  idType: 'INTEGER',
  columns: [
    text('StatusText', 'status_text', 'Name shown to the merchant'),
    text('StatusDefinition'),
    bool('Visible'),
    int('Sorting'),
  ],
  search: [],
  children: {},
}

const promotions: EntityTableSpec = {
  key: 'promotions',
  idType: 'INTEGER',
  columns: [
    text('PromotionName', 'name'),
    text('PromotionDescription', 'description'),
    text('PromotionCoupon', 'coupon'),
    date('PromotionStart', 'starts'),
    date('PromotionEnd', 'ends'),
    int('PromotionEnabled', 'enabled'),
    money('PromotionAmount', 'amount'),
    int('PromotionPercentage', 'is_percentage'),
    int('PromotionFreeShipping', 'free_shipping'),
    int('PromotionUses', 'uses'),
    int('PromotionMaxUses', 'max_uses'),
    date('PromotionLastUpdate', 'last_update'),
  ],
  search: paths('PromotionName', 'PromotionCoupon'),
  children: {},
}

const giftRegistries: EntityTableSpec = {
  key: 'gift_registries',
  idType: 'INTEGER',
  columns: [
    text('Name'),
    date('Created'),
    date('LastUpdate'),
    date('Expires'),
    date('Event', 'event_date'),
    text('Message'),
    bool('ShipToAddress'),
    int('Items', 'item_count'),
    int('Sold'),
    text('CustomerAddressBook.FirstName', 'first_name'),
    text('CustomerAddressBook.LastName', 'last_name'),
    text('CustomerAddressBook.City', 'city'),
  ],
  search: paths(
    'Name',
    'CustomerAddressBook.FirstName',
    'CustomerAddressBook.LastName',
  ),
  children: {
    GiftRegistryItemList: {
      columns: [
        int('CatalogID', 'catalog_id'),
        text('SKU', 'sku'),
        text('ItemName'),
        money('Price'),
        money('Subtotal'),
        int('Listed'),
        int('Sold'),
        int('SoldOffline'),
      ],
      search: [],
    },
  },
}

const rmas: EntityTableSpec = {
  key: 'rmas',
  idType: 'INTEGER',
  columns: [
    int('OrderID', 'order_id'),
    date('RmaDate', 'rma_date'),
    int('RMAReasonID', 'reason_id'),
    int('RMAMethodID', 'method_id'),
    int('RMAStatusID', 'status_id'),
    text('Comments'),
    text('InternalComments'),
    text('StaffComments'),
  ],
  search: [],
  children: {
    RMAItemList: {
      columns: [
        int('CatalogID', 'catalog_id'),
        text('SKU', 'sku'),
        text('ItemName'),
        int('ReturnQuantity'),
        int('ReceivedQuantity'),
        int('RestockQuantity'),
      ],
      search: [],
    },
  },
}

// NOTE: no payload of the following resources was ever recorded, so their
// ids are TEXT (a number is kept as its digits). Their columns are guessed
// from the API's object definitions and list filters and may stay empty.
const webhooks: EntityTableSpec = {
  key: 'webhooks',
  idType: 'TEXT',
  columns: [
    text('Name'),
    text('Url'),
    int('EventType'),
    text('Format'),
    bool('Enabled'),
    date('DateCreated'),
    date('DateUpdated'),
  ],
  search: [],
  children: {},
}

const crmTickets: EntityTableSpec = {
  key: 'crm_tickets',
  idType: 'TEXT',
  columns: [
    text('Subject'),
    text('CustomerName'),
    text('CustomerEmail', 'customer_email'),
    int('OrderID', 'order_id'),
    int('DepartmentId', 'department_id'),
    int('StatusId', 'status_id'),
    date('DateCreated'),
  ],
  search: paths('Subject', 'CustomerName', 'CustomerEmail'),
  children: {},
}

const crmDepartments: EntityTableSpec = {
  key: 'crm_departments',
  idType: 'TEXT',
  columns: [text('DepartmentName', 'name'), text('Email')],
  search: [],
  children: {},
}

const crmStatuses: EntityTableSpec = {
  key: 'crm_statuses',
  idType: 'TEXT',
  columns: [text('StatusName', 'name')],
  search: [],
  children: {},
}

const frontendScripts: EntityTableSpec = {
  key: 'frontend_scripts',
  idType: 'TEXT',
  columns: [text('Name'), text('Description')],
  search: [],
  children: {},
}

const paymentTokens: EntityTableSpec = {
  key: 'payment_tokens',
  idType: 'TEXT',
  columns: [int('CustomerID', 'customer_id')],
  search: [],
  children: {},
}

export const OTHER_TABLES: EntityTableSpec[] = [
  customers,
  categories,
  manufacturers,
  distributors,
  customerGroups,
  orderStatuses,
  promotions,
  giftRegistries,
  rmas,
  webhooks,
  crmTickets,
  crmDepartments,
  crmStatuses,
  frontendScripts,
  paymentTokens,
]
