import { expect, test } from './fixtures.ts'

test('browser mode shows the wizard first step', async ({ page, wizard }) => {
  await wizard.open(page)
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Welcome')
  // The secret leaves the address bar once the page has read it.
  expect(new URL(page.url()).hash).toBe('')
  await page.screenshot({
    path: test.info().outputPath('welcome.png'),
    fullPage: true,
  })
})
