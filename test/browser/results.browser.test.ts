import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { BrowserContext, Page } from 'playwright-core'
import { useTestApp } from '../support/app'
import { sessionCookieFor } from '../support/auth'
import { createSurveyFixture, type FixtureResponse } from '../support/survey-fixtures'
import { browserSkipReason, checkPage, serveInBrowser } from './browser'

const skip = browserSkipReason()
const context = useTestApp()
const SLUG = 'fixture-results-in-chromium'
const BASE = `/admin/consultations/${SLUG}`

const RESPONSES: FixtureResponse[] = Array.from({ length: 12 }, (_, index): FixtureResponse => ({
  channel: index % 4 === 0 ? 'paper' : 'online',
  answers: {
    'use-parks': index % 5 === 0 ? { other: 'Only in summer' } : 'yes',
    'visit-for': index % 2 === 0 ? ['walk', 'sport'] : ['play'],
    plan: index < 8 ? 'agree' : 'disagree',
    facilities: { toilets: 'agree', paths: index < 3 ? 'disagree' : 'strongly_agree' },
    visits: index + 1,
    'last-visit': `2024-01-${String(index + 1).padStart(2, '0')}`,
    comments: `Comment ${index}: more benches, please`,
    ward: index < 7 ? 'castle' : 'abbey',
  },
}))

describe('the results pages in Chromium', { skip }, () => {
  let browser: BrowserContext
  let baseUrl: string
  let close: () => Promise<void> = () => Promise.resolve()
  /** One tab, as an officer moving from page to page: a new tab costs Chromium three times a load. */
  let page: Page

  before(async () => {
    await createSurveyFixture(context.db, { slug: SLUG, responses: RESPONSES })
    ;({ browser, baseUrl, close } = await serveInBrowser(context.app))
    // Signed in as an editor, who may also publish.
    const cookie = await sessionCookieFor(context.app, context.db, 'editor')
    const split = cookie.indexOf('=')
    await browser.addCookies([{ name: cookie.slice(0, split), value: cookie.slice(split + 1), url: baseUrl }])
    page = await browser.newPage()
  })
  after(() => close())

  const assertAccessible = async (path: string) => {
    const report = await checkPage(page, baseUrl + path)
    assert.deepEqual(report.axeViolations, [], `axe violations on ${path}`)
    assert.deepEqual(report.htmlErrors, [], `html-validate errors on ${path}`)
    assert.deepEqual(report.consoleErrors, [], `console errors on ${path}`)
  }

  it('every results, coding and publishing page has 0 axe violations and valid HTML', async () => {
    for (const path of [
      `${BASE}/results`,
      `${BASE}/results?channel=paper&from-day=1&from-month=1&from-year=2024`,
      `${BASE}/results?from-day=30&from-month=2&from-year=2024`,
      `${BASE}/results/questions/use-parks`,
      `${BASE}/results/questions/visit-for`,
      `${BASE}/results/questions/plan?by=ward`,
      `${BASE}/results/questions/facilities`,
      `${BASE}/results/questions/visits`,
      `${BASE}/results/questions/last-visit`,
      `${BASE}/results/questions/comments?search=benches`,
      `${BASE}/codes`,
      `${BASE}/results/publish`,
    ])
      await assertAccessible(path)
  })

  it('lets an analyst add a code and tag answers with it, accessibly', async () => {
    await page.goto(`${baseUrl}${BASE}/codes`)
    await page.getByLabel('Name').fill('Benches')
    await page.getByRole('button', { name: 'Add code' }).click()
    await page.waitForURL(/\/codes/)
    await page.goto(`${baseUrl}${BASE}/results/questions/comments`)
    await page.locator('.app-answer-list__item').first().getByLabel('Benches').check()
    await page.getByRole('button', { name: 'Save codes' }).click()
    await page.waitForURL(/\/results\/questions\/comments/)
    assert.equal(await page.locator('.app-answer-list__item').first().getByLabel('Benches').isChecked(), true)
    await assertAccessible(`${BASE}/results/questions/comments`)
    await assertAccessible(`${BASE}/codes`)
  })

  it('draws bars in the system colours in high-contrast (forced colours) mode', async () => {
    await page.emulateMedia({ forcedColors: 'active' })
    try {
      await page.goto(`${baseUrl}${BASE}/results/questions/plan`)
      // Inline expressions only: a named helper would be compiled into a call the page does not have.
      const fills = await page.evaluate(() => ({
        bar: getComputedStyle(document.querySelector('.app-bar-chart__bar')!).fill,
        track: getComputedStyle(document.querySelector('.app-bar-chart__track')!).fill,
        text: getComputedStyle(document.body).color,
        background: getComputedStyle(document.body).backgroundColor,
      }))
      assert.equal(fills.bar, fills.text, 'bars are drawn in the text colour')
      assert.notEqual(fills.bar, fills.track, 'bars stand out from their track')
      assert.equal(fills.track, fills.background, 'the track is the page background, outlined')
    } finally {
      await page.emulateMedia({ forcedColors: null })
    }
  })

  it('publishes the chosen results to the public page, without the free-text answers', async () => {
    await page.goto(`${baseUrl}${BASE}/results/publish`)
    await page.getByLabel('Q4. Do you agree with the plan?').check()
    await page.getByRole('button', { name: 'Publish results' }).click()
    await page.getByText('Published results updated: 1 question public').waitFor()
    const report = await checkPage(page, `${baseUrl}/consultations/${SLUG}`)
    assert.deepEqual(report.axeViolations, [], 'axe violations on the public page')
    assert.deepEqual(report.htmlErrors, [], 'html-validate errors on the public page')
    const main = await page.locator('main').innerText()
    assert.match(main, /Results/)
    assert.match(main, /Results updated/)
    assert.match(main, /Do you agree with the plan\?/)
    assert.match(main, /Disagree\s+fewer than 5/)
    assert.doesNotMatch(main, /more benches, please/)
  })
})
