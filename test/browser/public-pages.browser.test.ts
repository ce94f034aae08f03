import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { BrowserContext, Page } from 'playwright-core'
import { useTestApp } from '../support/app'
import { PUBLISHED_REFERENCE, PUBLISHED_SLUG, publishSeededResponses } from '../support/published-responses'
import { browserSkipReason, checkPage, serveInBrowser } from './browser'

const skip = browserSkipReason()
// With an email provider (never reached here), so the pages offer alerts and the outcome email.
const context = useTestApp({ env: { SMTP_URL: 'smtp://127.0.0.1:2525' } })

/**
 * Every public page type, as a resident reaches it. Axe, slow in Chromium, runs on one page of each template and
 * state; `sameTemplateAs` marks a page that only fills another's template with other data, which still has its
 * HTML validated and is loaded to catch console errors.
 */
const PAGES: { name: string; path: string; status?: number; sameTemplateAs?: string }[] = [
  { name: 'home', path: '/' },
  { name: 'closed consultation with feedback', path: '/consultations/substance-misuse-services' },
  {
    name: 'closed consultation tagged with every audience',
    path: '/consultations/leicesters-drug-strategy-consultation',
  },
  { name: 'open sample consultation', path: '/consultations/sample-consultation-parks-and-green-spaces' },
  { name: 'finder', path: '/consultations', sameTemplateAs: 'finder with a search and every kind of filter' },
  {
    name: 'finder with a search and every kind of filter',
    path:
      '/consultations?q=drugs&status=closed&outcome=published&ward=abbey&ward=castle&audience=carers' +
      '&topic=adult-social-care&opens_from=2014-01-01&closes_to=2023-12-31',
  },
  { name: 'finder with no results', path: '/consultations?q=nothing-matches-this' },
  {
    name: 'finder with date errors',
    path: '/consultations?opens_from=2023-02-30&closes_from=2023-07-02&closes_to=2023-07-01',
  },
  { name: 'areas', path: '/wards' },
  { name: 'audiences', path: '/audiences', sameTemplateAs: 'areas' },
  { name: 'interests', path: '/topics', sameTemplateAs: 'areas' },
  { name: 'an area', path: '/wards/braunstone-park-and-rowley-fields' },
  { name: 'All Areas', path: '/wards/all-areas', sameTemplateAs: 'an area' },
  { name: 'an audience', path: '/audiences/carers', sameTemplateAs: 'an area' },
  { name: 'an interest', path: '/topics/adult-social-care', sameTemplateAs: 'an area' },
  { name: 'an area with no consultations on the page', path: '/wards/abbey?page=4' },
  { name: 'upcoming events', path: '/events' },
  { name: 'past events', path: '/events?when=past', sameTemplateAs: 'upcoming events' },
  { name: 'events with filters and none found', path: '/events?ward=castle&audience=carers&topic=housing' },
  { name: 'we asked, you said, we did', path: '/we-asked-you-said-we-did' },
  { name: 'read responses', path: `/consultations/${PUBLISHED_SLUG}/responses` },
  {
    name: 'read responses, searched, to one question, with no results',
    path: `/consultations/${PUBLISHED_SLUG}/responses?q=nothing-matches-this&question=no-such-question`,
    sameTemplateAs: 'read responses',
  },
  { name: 'a published response', path: `/consultations/${PUBLISHED_SLUG}/responses/${PUBLISHED_REFERENCE}` },
  { name: 'accessibility statement', path: '/accessibility' },
  { name: 'privacy notice', path: '/privacy' },
  { name: 'cookies', path: '/cookies', sameTemplateAs: 'privacy notice' },
  { name: 'page not found', path: '/no-such-page', status: 404 },
  { name: 'get email alerts', path: '/alerts/new?ward=abbey&topic=adult-social-care' },
  { name: 'check your email for the alert link', path: '/alerts/check-your-email' },
  { name: 'confirm alerts', path: '/alerts/confirm/a-link-token' },
  { name: 'stop an alert', path: '/alerts/unsubscribe/1.a-link-token', sameTemplateAs: 'confirm alerts' },
  { name: 'an alert link that is not valid', path: '/alerts/manage/1.not-valid', status: 404 },
]

describe('public pages in Chromium', { skip }, () => {
  let browser: BrowserContext
  let baseUrl: string
  let close: () => Promise<void>
  /** One tab for every page, as a resident moving from page to page: a new tab costs Chromium three times a load. */
  let page: Page

  before(async () => {
    await context.ready
    await publishSeededResponses(context.db)
    ;({ browser, baseUrl, close } = await serveInBrowser(context.app))
    page = await browser.newPage()
  })
  after(() => close())

  for (const { name, path, status, sameTemplateAs } of PAGES) {
    const axe = sameTemplateAs ? `its template checked with axe on ${sameTemplateAs}` : '0 axe violations'
    it(`${name} (${path}) has ${axe}, 0 html-validate errors and no console errors`, async () => {
      const report = await checkPage(page, baseUrl + path, status, { runAxe: !sameTemplateAs })
      assert.deepEqual(report.axeViolations, [], 'axe violations')
      assert.deepEqual(report.htmlErrors, [], 'html-validate errors')
      assert.deepEqual(report.consoleErrors, [], 'console errors (a CSP violation shows here)')
    })
  }

  it('names as a template only pages that are checked with axe', () => {
    const checked = new Set(PAGES.filter((page) => !page.sameTemplateAs).map((page) => page.name))
    const unknown = PAGES.filter((page) => page.sameTemplateAs && !checked.has(page.sameTemplateAs))
    assert.deepEqual(unknown, [])
  })

  it('runs govuk-frontend JavaScript under the CSP', async () => {
    await page.goto(`${baseUrl}/`)
    const bodyClass = await page.evaluate(() => document.body.className)
    assert.match(bodyClass, /govuk-frontend-supported/, 'the hashed inline script ran')
    const initialised = await page
      .locator('[data-module="govuk-button"]')
      .first()
      .getAttribute('data-govuk-button-init')
    assert.equal(initialised, '', 'the bundled module initialised the button component')
  })
})
