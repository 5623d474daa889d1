import { idAt } from '../ids.ts'
import { recordRng } from '../random.ts'
import type { GenContext } from '../types.ts'
import { payloadDate, simpleGenerator, spreadTime } from './common.ts'
import { CATEGORY_WORDS, slug } from './words.ts'

const CATEGORY_IDS = { base: 8, gapEvery: 3 }

/** The first categories form one chain, so every store has a deep tree. */
const CHAIN_DEPTH = 6

/** Categories that stores use as content pages, with HTML bodies. */
const CONTENT_PAGES = ['FAQ', 'Return Policy', 'Blog'] as const

export function categoryId(index: number): number {
  return idAt(CATEGORY_IDS, index)
}

export function categoryName(ctx: GenContext, index: number): string {
  const contentIndex = index - CHAIN_DEPTH
  if (contentIndex >= 0 && contentIndex < CONTENT_PAGES.length) {
    return CONTENT_PAGES[contentIndex] ?? 'Page'
  }
  const rng = recordRng(ctx.seed, 'categories.name', index)
  const word = rng.pick(CATEGORY_WORDS)
  return index < CATEGORY_WORDS.length ? word : `${word} ${categoryId(index)}`
}

/** Index of the parent category, or -1 for a top-level category. */
export function parentIndex(ctx: GenContext, index: number): number {
  if (index === 0) return -1
  if (index < CHAIN_DEPTH) return index - 1
  if (index < CHAIN_DEPTH + CONTENT_PAGES.length) return -1
  const rng = recordRng(ctx.seed, 'categories.parent', index)
  return rng.chance(0.3) ? -1 : rng.int(0, index - 1)
}

export const categories = simpleGenerator({
  key: 'categories',
  ids: CATEGORY_IDS,
  lastUpdateField: 'LastUpdate',
  editField: 'Title',
  filters: [{ param: 'category', kind: 'contains', field: 'CategoryName' }],
  build(ctx, index, rng, id) {
    const name = categoryName(ctx, index)
    const parent = parentIndex(ctx, index)
    const contentPage = CONTENT_PAGES.includes(name as never)
    const fileName = `${slug(name)}.php`
    return {
      CategoryID: id,
      CategoryName: name,
      Link: `${ctx.storeUrl}/${fileName}`,
      CategoryDescription: contentPage ? '' : `Shop our ${name} range.`,
      CategoryIcon: index % 5 === 1 ? `assets/images/category-${id}.png` : '',
      // Not a top-level flag: real top-level categories often have false.
      CategoryMain: parent >= 0 && index % 2 === 0,
      CategoryParent: parent < 0 ? 0 : categoryId(parent),
      Sorting: index % 7,
      Hide: index % 9 === 4,
      UserID: index % 3 === 0 ? 'programmer' : 'Administrator',
      LastUpdate: payloadDate(
        ctx,
        spreadTime(index, ctx.counts.categories, rng),
      ),
      CategoryMenuGroup: 0,
      HomeSpecialCategory: false,
      FilterCategory: false,
      TemplateCategoryPage: 0,
      DefaultProductsSorting: 1,
      SubcategoryColumnsCategorySpecials: 0,
      ProductColumnsCategorySpecials: 0,
      ProductColumnsCategoryGeneralItems: index % 4 === 0 ? 3 : 0,
      ItemsPerPageCategorySpecialItems: 0,
      ItemsPerPageCategoryGeneralItems: index % 4 === 0 ? 24 : 0,
      DisplayTypeCategorySpecialItems: 0,
      DisplayTypeCategoryGeneralProducts: 0,
      AllowAccess: '0',
      OnFailRedirectTo: '',
      HideLeftBar: contentPage,
      HideRightBar: false,
      HideTopMenu: false,
      SmartCategories: 0,
      SmartCategoriesSearchKeyword: '',
      SmartCategoriesLinkTarget: index % 6 === 0 ? '_self' : '',
      TemplateProductPage: 0,
      ProductColumnsRelatedProducts: 0,
      ProductColumnsUpsellProducts: 0,
      DisplayTypeRelatedItems: 0,
      DisplayTypeUpsellItems: 0,
      OptionSetList: [],
      Title: index % 2 === 0 ? `${name} | Demo Store` : '',
      CustomFileName: index % 3 === 2 ? '' : fileName,
      MetaTags: '',
      CategoryHeader: contentPage
        ? `<h1>${name}</h1>\r\n<p>Questions? Call us.</p>\r\n`
        : '',
      CategoryFooter: contentPage ? '<p>&copy; Demo Store</p>' : '',
      AdditionalKeywords: '',
    }
  },
})
