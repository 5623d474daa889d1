import type { GenContext, JsonRecord } from '../types.ts'

/** Builds the StoreSettings object, whose URLs point at the demo server. */
export function buildStoreSettings(ctx: GenContext): JsonRecord {
  return {
    StoreInformation: {
      StoreName: 'Demo Outfitters',
      StoreSlogan: 'Everything for the trail',
      StoreLogo: 'assets/images/logo.png',
      StoreEmail: 'orders@demo-outfitters.example.com',
      StoreURL: ctx.secureUrl,
      StoreSecureURL: ctx.secureUrl,
    },
    MerchantInformation: {
      Company: 'Demo Outfitters LLC',
      Address1: '100 Main St',
      Address2: 'Suite 4',
      City: 'Springfield',
      State: 'IL',
      Country: 'US',
      ZipCode: '62701',
      Phone: '217-555-0100',
      AlternatePhone: '',
      Fax: '',
      InvoiceLogo: 'assets/images/invoice-logo.png',
      InvoiceTerms: '<p>Returns accepted within 30 days.</p>',
    },
    StoreStandards: {
      StoreTimeZone: ctx.storeTimeZone,
      CurrencySymbol: '$',
      DecimalPlacesOnPrice: '2',
      CurrencyCode: 'USD',
    },
  }
}
