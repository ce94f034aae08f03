import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { BrowserContext, Page } from 'playwright-core'
import { createServices } from '../../src/services'
import { useTestApp } from '../support/app'
import { createUser, TEST_PASSWORD } from '../support/auth'
import { createSurveyFixture, type FixtureResponse } from '../support/survey-fixtures'
import { browserSkipReason, launchBrowser, serve } from './browser'

const skip = browserSkipReason()
const context = useTestApp()
const PHONE = { width: 390, height: 844 }
const SLUG = 'fixture-phone-width'
const LONG_WORD = 'Supercalifragilisticexpialidocious'.repeat(6)

const RESPONSES: FixtureResponse[] = Array.from({ length: 24 }, (_, index): FixtureResponse => ({
  channel: index % 4 === 0 ? 'paper' : 'online',
  answers: {
    'use-parks': index % 5 === 0 ? { other: 'Only in summer' } : 'yes',
    'visit-for': index % 2 === 0 ? ['walk', 'sport'] : ['play'],
    plan: ['strongly_agree', 'agree', 'disagree', 'strongly_disagree'][index % 4]!,
    facilities: { toilets: 'agree', paths: index < 6 ? 'disagree' : 'strongly_agree' },
    visits: index + 1,
    comments: index === 0 ? `A long word: ${LONG_WORD}` : `Comment ${index}: more benches, please`,
    ward: index < 12 ? 'castle' : 'abbey',
    'age-band': index % 2 === 0 ? 'under-35' : '35-plus',
  },
}))

/** How wide the document is at a 390 px viewport; wider means the page scrolls sideways on a phone. */
const documentWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth)

/**
 * The innermost elements that reach past the viewport's right edge (leaving out what scrolls inside a
 * table's own region), to say what to fix. Plain script, as the test runner's helpers do not reach the page.
 */
const overflowing = (page: Page, limit: number): Promise<string[]> =>
  page.evaluate(`(() => {
  const limit = ${limit} + 1
  const wide = Array.from(document.querySelectorAll('body *')).filter((el) => {
    const scroller = el.parentElement && el.parentElement.closest('.app-table-scroll')
    return el.getBoundingClientRect().right > limit && !(scroller && scroller.getBoundingClientRect().right <= limit)
  })
  return wide.filter((el) => !wide.some((other) => other !== el && el.contains(other))).slice(0, 3)
    .map((el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + '.' + Array.from(el.classList).join('.'))
})()`)

describe('every page fits a phone 390 px wide', { skip }, () => {
  let browser: BrowserContext
  let page: Page
  let baseUrl: string
  let consultationId = 0
  const closers: (() => Promise<void>)[] = []

  before(async () => {
    const fixture = await createSurveyFixture(context.db, { slug: SLUG, responses: RESPONSES })
    consultationId = fixture.consultationId
    // A consultation tagged with many audiences, and a published result to show publicly.
    const audiences = Array.from({ length: 90 }, (_, index) => ({
      slug: `phone-${index}`,
      name: `Audience group ${index}`,
    }))
    const ids: { id: number }[] = await context.db('audiences').insert(audiences).returning('id')
    await context
      .db('consultation_audiences')
      .insert(ids.map(({ id }) => ({ consultation_id: consultationId, audience_id: id })))
    const services = createServices(context.db)
    const target = await services.resultsService.findSurvey(SLUG)
    await services.publishingService.publish(null, target!, ['plan', 'use-parks'])
    const admin = await createUser(context.db, 'admin')
    // A long change, as the audit log once printed as raw JSON.
    await services.auditService.record(
      { id: admin.id, email: admin.email },
      {
        action: 'consultation.update',
        entityType: 'consultation',
        entityId: consultationId,
        consultationId,
        before: { title: 'Old title', summary: LONG_WORD },
        after: { title: 'New title', summary: `${LONG_WORD} ${LONG_WORD}` },
      },
    )

    const server = await serve(context.app)
    closers.push(server.close)
    baseUrl = server.baseUrl
    const launched = await launchBrowser()
    closers.unshift(launched.close)
    browser = launched.browser
    page = await browser.newPage()
    await page.setViewportSize(PHONE)
    await page.goto(`${baseUrl}/admin/sign-in`)
    await page.getByLabel('Email address').fill(admin.email)
    await page.getByLabel('Password', { exact: true }).fill(TEST_PASSWORD)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.waitForURL(`${baseUrl}/admin`)
  })
  after(async () => {
    for (const close of closers) await close()
  })

  /** Visits each path and lists those whose document is wider than the phone, with their width. */
  const tooWide = async (paths: string[]): Promise<string[]> => {
    const found: string[] = []
    for (const path of paths) {
      const response = await page.goto(baseUrl + path, { waitUntil: 'load' })
      assert.ok(response && response.status() < 500, `${path} answered ${response?.status()}`)
      const width = await documentWidth(page)
      if (width > PHONE.width) found.push(`${path}: ${width}px (${(await overflowing(page, PHONE.width)).join(', ')})`)
    }
    return found
  }

  it('public pages', async () => {
    const open = await context
      .db('consultations')
      .whereNotNull('published_at')
      .where('opens_at', '<=', new Date())
      .where('closes_at', '>=', new Date())
      .first('slug')
    assert.deepEqual(
      await tooWide([
        '/',
        '/consultations',
        '/consultations?q=drugs&status=closed',
        `/consultations/${SLUG}`,
        '/consultations/substance-misuse-services',
        ...(open ? [`/consultations/${open.slug}`] : []),
        '/cookies',
        '/accessibility',
        '/privacy',
        '/events',
        '/we-asked-you-said-we-did',
      ]),
      [],
    )
  })

  it('admin pages, signed in', async () => {
    const responseId = (await context.db('responses').where({ consultation_id: consultationId }).first('id')).id
    const byId = `/admin/consultations/${consultationId}`
    const bySlug = `/admin/consultations/${SLUG}`
    assert.deepEqual(
      await tooWide([
        '/admin',
        '/admin/consultations',
        byId,
        `${byId}/edit`,
        `${byId}/preview`,
        `${byId}/feedback`,
        `${byId}/survey`,
        `${byId}/survey/preview/views`,
        `${byId}/responses`,
        `${byId}/responses?from-day=1&from-month=13&from-year=2024`,
        `${byId}/responses/${responseId}`,
        `${byId}/responses/paper`,
        `${bySlug}/results`,
        `${bySlug}/results/questions/plan`,
        `${bySlug}/results/questions/plan?by=ward`,
        `${bySlug}/results/questions/facilities?by=age-band`,
        `${bySlug}/results/questions/comments`,
        `${bySlug}/results/publish`,
        `${bySlug}/codes`,
        '/admin/audit',
        '/admin/users',
        '/admin/taxonomies/audiences',
        '/admin/account',
        '/admin/account/notifications',
        '/admin/settings',
        `${byId}/moderation`,
        `${byId}/events/new`,
        '/admin/notifications',
        '/admin/responses/delete',
        '/admin/pages/accessibility',
      ]),
      [],
    )
  })
})
