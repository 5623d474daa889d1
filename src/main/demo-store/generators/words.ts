/** Word lists the generators draw from. Fictional data only. */

export const FIRST_NAMES = [
  'Ava',
  'Liam',
  'Olivia',
  'Noah',
  'Emma',
  'Mason',
  'Sophia',
  'Lucas',
  'Isabella',
  'Ethan',
  'Mia',
  'Logan',
  'Amelia',
  'Jacob',
  'Harper',
  'Elijah',
  'Zoë',
  'José',
  'Chloé',
  'Björn',
] as const

export const LAST_NAMES = [
  'Smith',
  'Johnson',
  'Williams',
  'Brown',
  'Jones',
  'Garcia',
  'Miller',
  'Davis',
  'Martinez',
  'Lopez',
  'Wilson',
  'Anderson',
  'Thomas',
  "O'Brien",
  'Nguyen',
  'Müller',
  'Kowalski',
  'Hernández',
] as const

export interface Place {
  city: string
  state: string
  zip: string
  country: string
  phone: string
}

/** US places plus foreign ones whose state and zip are "NIL". */
export const PLACES: readonly Place[] = [
  {
    city: 'Springfield',
    state: 'IL',
    zip: '62701',
    country: 'US',
    phone: '217-555-0142',
  },
  {
    city: 'Coral Springs',
    state: 'FL',
    zip: '33065',
    country: 'US',
    phone: '954-555-0110',
  },
  {
    city: 'Austin',
    state: 'TX',
    zip: '78701',
    country: 'US',
    phone: '512-555-0199',
  },
  {
    city: 'Portland',
    state: 'OR',
    zip: '97201',
    country: 'US',
    phone: '(503) 555-0123',
  },
  {
    city: 'Baltimore',
    state: 'MD',
    zip: '21201',
    country: 'US',
    phone: '4105550187',
  },
  {
    city: 'Denver',
    state: 'CO',
    zip: '80202',
    country: 'US',
    phone: '303.555.0164',
  },
  {
    city: 'Toronto',
    state: 'ON',
    zip: 'M5H 2N2',
    country: 'CA',
    phone: '416-555-0175',
  },
  {
    city: 'Madison',
    state: 'WI',
    zip: '53703',
    country: 'US',
    phone: '608-555-0101',
  },
]

export const FOREIGN_PLACES: readonly Place[] = [
  {
    city: 'London',
    state: 'NIL',
    zip: 'NIL',
    country: 'GB',
    phone: '+44 20 7946 0958',
  },
  {
    city: 'Sydney',
    state: 'NIL',
    zip: '2000',
    country: 'AU',
    phone: '+61 2 5550 1234',
  },
  {
    city: 'Köln',
    state: 'NIL',
    zip: '50667',
    country: 'DE',
    phone: '+49 221 555 0100',
  },
]

export const STREETS = [
  'Main St',
  'Oak Ave',
  'Maple Dr',
  'Cedar Ln',
  'Elm St',
  'Park Blvd',
  'Lakeview Rd',
  'Sunset Way',
] as const

export const PRODUCT_NOUNS = [
  'Mug',
  'T-Shirt',
  'Hoodie',
  'Candle',
  'Notebook',
  'Backpack',
  'Water Bottle',
  'Scarf',
  'Poster',
  'Phone Case',
  'Tote Bag',
  'Cap',
  'Socks',
  'Blanket',
  'Lamp',
  'Teapot',
] as const

export const PRODUCT_ADJECTIVES = [
  'Classic',
  'Organic',
  'Vintage',
  'Deluxe',
  'Handmade',
  'Eco',
  'Premium',
  'Travel',
  'Café',
  'Nordic',
  'Rustic',
  'Studio',
] as const

export const SIZES = ['XS', 'S', 'M', 'L', 'XL', 'XXL'] as const

export const COLORS = [
  'Black',
  'White',
  'Red',
  'Navy',
  'Forest Green',
  'Heather Grey',
  'Mustard',
  'Rose',
] as const

export const MATERIALS = ['Cotton', 'Wool', 'Recycled Polyester'] as const

export const SHIPPING_METHODS = [
  'USPS - Priority Mail',
  'UPS Ground',
  'FedEx 2Day',
  'Free Shipping',
  'Local Pickup',
] as const

export const CATEGORY_WORDS = [
  'Apparel',
  'Home',
  'Kitchen',
  'Gifts',
  'Outdoor',
  'Accessories',
  'Office',
  'Kids',
  'Sale',
  'New Arrivals',
  'Bags',
  'Decor',
  'Men',
  'Women',
  'Winter',
  'Summer',
] as const

export const COMPANIES = [
  'Acme Supply Co.',
  'Northwind Traders',
  'Blue Ridge Goods',
  'Harbor & Pine',
  'Summit Outfitters',
  'Maple Leaf Imports',
] as const

export function slug(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
}
