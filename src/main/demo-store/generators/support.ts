/**
 * Support tickets, webhooks, storefront scripts and saved payment tokens.
 * NOTE: no recorded payload shows these resources, so field names follow
 * the 2019 object definitions of the API documentation.
 */
import { idAt } from '../ids.ts'
import { DAY, payloadDate, simpleGenerator, spreadTime } from './common.ts'
import { customerId } from './customers.ts'
import { ORDER_IDS } from './orders.ts'
import { FIRST_NAMES, LAST_NAMES } from './words.ts'

const DEPARTMENTS = ['Sales', 'Support', 'Returns', 'Wholesale'] as const
const TICKET_STATUSES = [
  'Open',
  'Pending',
  'Resolved',
  'Closed',
  'Spam',
] as const

export const CRM_DEPARTMENT_IDS = { base: 1, gapEvery: 0 }
export const CRM_STATUS_IDS = { base: 1, gapEvery: 0 }

export const crmDepartments = simpleGenerator({
  key: 'crm_departments',
  ids: CRM_DEPARTMENT_IDS,
  editField: 'DepartmentName',
  build(_ctx, index, _rng, id) {
    return {
      DepartmentID: id,
      DepartmentName:
        DEPARTMENTS[index % DEPARTMENTS.length] ?? `Department ${id}`,
      DepartmentEmail: `dept${id}@store.example.com`,
      Sorting: index,
    }
  },
})

export const crmStatuses = simpleGenerator({
  key: 'crm_statuses',
  ids: CRM_STATUS_IDS,
  editField: 'StatusName',
  build(_ctx, index, _rng, id) {
    return {
      StatusID: id,
      StatusName:
        TICKET_STATUSES[index % TICKET_STATUSES.length] ?? `Status ${id}`,
      Sorting: index,
      Closed: index >= 2,
    }
  },
})

export const crmTickets = simpleGenerator({
  key: 'crm_tickets',
  ids: { base: 1, gapEvery: 6 },
  lastUpdateField: 'LastActionDate',
  editField: 'Subject',
  filters: [
    { param: 'subject', kind: 'contains', field: 'Subject' },
    { param: 'departmentid', kind: 'int', field: 'DepartmentID' },
    { param: 'statusid', kind: 'int', field: 'StatusID' },
    { param: 'openedstartdate', kind: 'date-start', field: 'DateOpened' },
    { param: 'openedenddate', kind: 'date-end', field: 'DateOpened' },
    {
      param: 'lastactionstartdate',
      kind: 'date-start',
      field: 'LastActionDate',
    },
    { param: 'lastactionenddate', kind: 'date-end', field: 'LastActionDate' },
    { param: 'customername', kind: 'contains', field: 'CustomerName' },
    { param: 'customeremail', kind: 'text', field: 'CustomerEmail' },
    { param: 'orderid', kind: 'int', field: 'OrderID' },
    { param: 'custid', kind: 'int', field: 'CustomerID' },
  ],
  build(ctx, index, rng, id) {
    const opened = spreadTime(index, ctx.counts.crm_tickets, rng)
    const customers = ctx.counts.customers
    const custId =
      customers > 0 && index % 3 !== 0 ? customerId(index % customers) : 0
    return {
      CRMID: id,
      Subject:
        index % 2 === 0 ? `Where is my order? #${id}` : 'Question about sizing',
      DepartmentID: (index % Math.max(1, ctx.counts.crm_departments)) + 1,
      StatusID: (index % Math.max(1, ctx.counts.crm_statuses)) + 1,
      DateOpened: payloadDate(ctx, opened),
      LastActionDate: payloadDate(ctx, opened + rng.int(0, 5) * DAY),
      CustomerName: `${rng.pick(FIRST_NAMES)} ${rng.pick(LAST_NAMES)}`,
      CustomerEmail:
        custId > 0
          ? `customer${custId}@example.com`
          : `visitor${id}@example.com`,
      CustomerPhone: index % 4 === 0 ? '' : '555-555-0199',
      CustomerIPAddress: `198.51.100.${rng.int(1, 254)}`,
      OrderID:
        ctx.counts.orders > 0 && index % 2 === 0
          ? idAt(ORDER_IDS, index % ctx.counts.orders)
          : 0,
      CustomerID: custId,
      ProductID: 0,
      Priority: rng.int(0, 2),
      MessageCount: 1 + (index % 3),
    }
  },
})

export const webhooks = simpleGenerator({
  key: 'webhooks',
  ids: { base: 1, gapEvery: 0 },
  lastUpdateField: 'DateUpdated',
  editField: 'Name',
  filters: [
    { param: 'name', kind: 'contains', field: 'Name' },
    { param: 'url', kind: 'contains', field: 'Url' },
    { param: 'enabled', kind: 'bool', field: 'Enabled' },
    { param: 'format', kind: 'text', field: 'Format' },
    { param: 'datecreatedstart', kind: 'date-start', field: 'DateCreated' },
    { param: 'datecreatedend', kind: 'date-end', field: 'DateCreated' },
    { param: 'dateupdatedstart', kind: 'date-start', field: 'DateUpdated' },
    { param: 'dateupdatedend', kind: 'date-end', field: 'DateUpdated' },
  ],
  build(ctx, index, rng, id) {
    const created = spreadTime(index, ctx.counts.webhooks, rng)
    return {
      Id: id,
      Name: index % 2 === 0 ? 'New order to ERP' : 'Product update feed',
      Url: `https://hooks.example.com/3dcart/${id}`,
      EventType: index % 2 === 0 ? 1 : 64,
      DateCreated: payloadDate(ctx, created),
      DateUpdated: payloadDate(ctx, created + rng.int(0, 30) * DAY),
      Format: index % 3 === 2 ? 'XML' : 'JSON',
      Enabled: index % 4 !== 3,
    }
  },
})

export const frontendScripts = simpleGenerator({
  key: 'frontend_scripts',
  ids: { base: 1, gapEvery: 0 },
  editField: 'Name',
  build(_ctx, index, _rng, id) {
    return {
      FrontendScriptID: id,
      Name: index % 2 === 0 ? 'Analytics tag' : 'Chat widget',
      Placement: index % 2 === 0 ? 'head' : 'body',
      Script: `<script>window.demoTag${id} = { enabled: true };</script>`,
      Enabled: true,
      Sorting: index,
    }
  },
})

export const paymentTokens = simpleGenerator({
  key: 'payment_tokens',
  ids: { base: 1, gapEvery: 0 },
  editField: 'ExpirationYear',
  build(ctx, index, rng, id) {
    const customers = ctx.counts.customers
    return {
      PaymentTokenID: id,
      CustomerID: customers > 0 ? customerId(index % customers) : 0,
      GatewayID: 12,
      CustomerProfileID: `cus_${rng.chars(14, 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz0123456789')}`,
      PaymentProfileID: `pm_${rng.chars(14, 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz0123456789')}`,
      CardType: rng.pick(['Visa', 'MasterCard']),
      Last4: rng.chars(4, '0123456789'),
      ExpirationMonth: String(rng.int(1, 12)).padStart(2, '0'),
      ExpirationYear: String(rng.int(2026, 2031)),
    }
  },
})
