/**
 * Support tickets, webhooks, storefront scripts and saved payment tokens.
 * NOTE: no recorded payload shows these resources, so field names and
 * their spelling (CrmID, DepartmentId, ProductId) follow the response
 * examples of the 2019 API documentation.
 */
import { idAt } from '../ids.ts'
import type { GenContext } from '../types.ts'
import { DAY, payloadDate, simpleGenerator, spreadTime } from './common.ts'
import { customerId } from './customers.ts'
import { productId } from './product-summary.ts'
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

export const crmDepartments = simpleGenerator({
  key: 'crm_departments',
  ids: { base: 1, gapEvery: 0 },
  editField: 'Name',
  build(_ctx, index, _rng, id) {
    return {
      DepartmentId: id,
      Name: DEPARTMENTS[index % DEPARTMENTS.length] ?? `Department ${id}`,
      Visible: index !== 3,
    }
  },
})

export const crmStatuses = simpleGenerator({
  key: 'crm_statuses',
  ids: { base: 1, gapEvery: 0 },
  editField: 'StatusName',
  build(_ctx, index, _rng, id) {
    return {
      Id: id,
      StatusId: id,
      StatusName:
        TICKET_STATUSES[index % TICKET_STATUSES.length] ?? `Status ${id}`,
    }
  },
})

/** Builds the conversation of a ticket, embedded as `CrmMessageList`. */
function crmMessages(
  ctx: GenContext,
  ticketId: number,
  opened: number,
  customer: { name: string; email: string },
  count: number,
): Record<string, unknown>[] {
  return Array.from({ length: count }, (_, n) => {
    const fromCustomer = n % 2 === 0
    return {
      MessageId: ticketId * 10 + n,
      DateCreated: payloadDate(ctx, opened + n * 3_600),
      Message: fromCustomer
        ? `<p>Hello,</p>\r\n<p>My order has not arrived yet.</p>`
        : 'Thanks, we are looking into it.',
      // 0 is the customer, 1 a staff member.
      Sender: fromCustomer ? 0 : 1,
      SenderName: fromCustomer ? customer.name : 'Store Support',
      SenderEmail: fromCustomer ? customer.email : 'support@store.example.com',
      CustomerIPAddress: fromCustomer ? '198.51.100.7' : '',
      CrmFileList:
        n === 0 && ticketId % 3 === 0
          ? [
              {
                FileId: ticketId * 10 + n,
                FileName: 'photo-of-parcel.jpg',
                DateCreated: payloadDate(ctx, opened),
                IsAdminUploaded: false,
              },
            ]
          : [],
    }
  })
}

export const crmTickets = simpleGenerator({
  key: 'crm_tickets',
  ids: { base: 1, gapEvery: 6 },
  lastUpdateField: 'DateLastAction',
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
      field: 'DateLastAction',
    },
    { param: 'lastactionenddate', kind: 'date-end', field: 'DateLastAction' },
    { param: 'customername', kind: 'contains', field: 'CustomerName' },
    { param: 'customeremail', kind: 'text', field: 'CustomerEmail' },
    { param: 'customerphone', kind: 'text', field: 'CustomerPhone' },
    { param: 'customeripaddress', kind: 'text', field: 'CustomerIpAddress' },
    { param: 'orderid', kind: 'int', field: 'OrderID' },
    { param: 'custid', kind: 'int', field: 'CustomerID' },
    { param: 'productid', kind: 'int', field: 'ProductId' },
  ],
  build(ctx, index, rng, id) {
    const opened = spreadTime(index, ctx.counts.crm_tickets, rng)
    const customers = ctx.counts.customers
    const custId =
      customers > 0 && index % 3 !== 0 ? customerId(index % customers) : 0
    const name = `${rng.pick(FIRST_NAMES)} ${rng.pick(LAST_NAMES)}`
    const email =
      custId > 0 ? `customer${custId}@example.com` : `visitor${id}@example.com`
    const messages = crmMessages(
      ctx,
      id,
      opened,
      { name, email },
      1 + (index % 3),
    )
    return {
      CrmID: id,
      DateOpened: payloadDate(ctx, opened),
      DateLastAction: payloadDate(ctx, opened + (messages.length - 1) * 3_600),
      Subject:
        index % 2 === 0 ? `Where is my order? #${id}` : 'Question about sizing',
      DepartmentID: (index % Math.max(1, ctx.counts.crm_departments)) + 1,
      StatusID: (index % Math.max(1, ctx.counts.crm_statuses)) + 1,
      CustomerName: name,
      CustomerEmail: email,
      CustomerPhone: index % 4 === 0 ? '' : '555-555-0199',
      CustomerIpAddress: '198.51.100.7',
      OrderID:
        ctx.counts.orders > 0 && index % 2 === 0
          ? idAt(ORDER_IDS, index % ctx.counts.orders)
          : 0,
      CustomerID: custId,
      ProductId:
        ctx.counts.products > 0 && index % 2 === 1
          ? productId(index % ctx.counts.products)
          : 0,
      CrmMessageList: messages,
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
  lastUpdateField: 'LastUpdate',
  editField: 'Code',
  build(ctx, index, rng, id) {
    const created = spreadTime(index, ctx.counts.frontend_scripts, rng)
    return {
      FrontendScriptID: id,
      // Injected before </head> or </body>.
      Placement: index % 2 === 0 ? 'head' : 'body',
      Code: `<script>\r\n  window.demoTag${id} = { enabled: true };\r\n</script>`,
      DateCreated: payloadDate(ctx, created),
      LastUpdate: payloadDate(ctx, created + rng.int(0, 40) * DAY),
    }
  },
})

export const paymentTokens = simpleGenerator({
  key: 'payment_tokens',
  ids: { base: 1, gapEvery: 0 },
  lastUpdateField: 'LastUpdate',
  editField: 'CardExpYear',
  build(ctx, index, rng, id) {
    const customers = ctx.counts.customers
    const orders = ctx.counts.orders
    return {
      PaymentTokenID: id,
      CustomerID: customers > 0 ? customerId(index % customers) : 0,
      OrderID: orders > 0 ? idAt(ORDER_IDS, (index * 7) % orders) : 0,
      CustomerProfileID: `cus_${rng.chars(14, ALPHANUMERIC)}`,
      PaymentProfileID: `pm_${rng.chars(14, ALPHANUMERIC)}`,
      // Numbers, not strings, in the documented object.
      CardLast4: rng.int(1000, 9999),
      CardExpMonth: rng.int(1, 12),
      CardExpYear: rng.int(2026, 2031),
      BillingPaymentMethodID: 1,
      LastUpdate: payloadDate(
        ctx,
        spreadTime(index, ctx.counts.payment_tokens, rng),
      ),
      GatewayName: 'Authorize.Net CIM',
      GatewayID: 12,
    }
  },
})

const ALPHANUMERIC =
  'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz0123456789'
