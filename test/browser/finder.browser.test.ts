import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { BrowserContext } from 'playwright-core'
import { useTestApp } from '../support/app'
import { browserSkipReason, serveInBrowser } from './browser'

const skip = browserSkipReason()
const context = useTestApp()

describe('the finder without JavaScript', { skip }, () => {
  let browser: BrowserContext
  let baseUrl: string
  let close: () => Promise<void>

  before(async () => {
    ;({ browser, baseUrl, close } = await serveInBrowser(context.app, { javaScriptEnabled: false }))
  })
  after(() => close())

  it('searches, filters with checkboxes and dates, and removes a filter by its tag', async () => {
    const page = await browser.newPage()
    try {
      await page.goto(`${baseUrl}/`)
      await page.fill('input[name="q"]', 'drugs')
      await page.click('form[role="search"] button')
      assert.equal(new URL(page.url()).search, '?q=drugs')
      assert.equal(await page.locator('#result-count').innerText(), '2 consultations found')

      await page.locator('summary', { hasText: 'Areas' }).click()
      await page.check('input[name="ward"][value="troon"]')
      await page.check('input[name="status"][value="closed"]')
      await page.locator('summary', { hasText: 'Dates' }).click()
      await page.fill('input[name="opens_from"]', '1/1/2020')
      await page.click('button:has-text("Apply filters")')
      assert.equal(new URL(page.url()).search, '?q=drugs&status=closed&ward=troon&opens_from=2020-01-01')
      assert.equal(await page.locator('#result-count').innerText(), '1 consultation found')
      assert.deepEqual(await page.locator('.app-consultation-list__title').allInnerTexts(), [
        "Leicester's Drug Strategy Consultation",
      ])

      await page.click('.app-selected-filter:has-text("Opening date from")')
      assert.equal(new URL(page.url()).search, '?q=drugs&status=closed&ward=troon')
      await page.click('a:has-text("Clear all filters")')
      assert.equal(await page.locator('#result-count').innerText(), '3 consultations found')
    } finally {
      await page.close()
    }
  })
})
