import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { BrowserContext } from 'playwright-core'
import { ROLES, type Role } from '../../src/admin/users/roles'
import { useTestApp } from '../support/app'
import { sessionCookieFor, signInAs } from '../support/auth'
import { publishSeededResponses } from '../support/published-responses'
import { browserSkipReason, checkPage, htmlErrorsIn, serveInBrowser } from './browser'

/**
 * Officers reach every page their role allows by clicking, from the admin home page. For each role
 * the test crawls the seeded site as a new officer of that role, following links and submitting GET
 * forms (never POST, never signing out), and checks that every GET route in ADMIN_ROUTES the role
 * may use is reached, that every page reached answers 200, that the largest page of each route has valid
 * HTML, and (in Chromium) that one page of each route has no axe violations and no console errors.
 */

const skip = browserSkipReason()
const context = useTestApp()

import { crawlAs, REDIRECTS, type Crawl, type Visit } from './admin-crawl'

// Run once, in the pass with Chromium: the crawl reads the same pages on either database.
describe('admin navigation: every page an officer may use is reached by clicking from /admin', { skip }, () => {
  const crawls = {} as Record<Role, Crawl>

  /**
   * html-validate is slow, so each route is validated on its largest page (the most content, the most branches
   * of its template), and a page an editor or analyst sees only where it differs from the admin's page at the
   * same URL beyond the header (their own home page always does, for their navigation).
   */
  async function validate(role: Role): Promise<void> {
    const adminMain = new Map(crawls.admin.visits.map((visit) => [visit.url, visit.main]))
    const largest = new Map<string, Visit>()
    for (const visit of crawls[role].visits) {
      const sameAsAdmin = role !== 'admin' && visit.url !== '/admin' && adminMain.get(visit.url) === visit.main
      const chosen = largest.get(visit.pattern)
      if (visit.html && !sameAsAdmin && (!chosen || visit.size > chosen.size)) largest.set(visit.pattern, visit)
    }
    for (const visit of largest.values()) {
      visit.htmlErrors = await htmlErrorsIn(visit.html)
      visit.validated = true
    }
    for (const visit of crawls[role].visits) visit.html = ''
  }

  before(async () => {
    await context.ready
    await publishSeededResponses(context.db)
    for (const role of ['admin', ...ROLES.filter((role) => role !== 'admin')] as const) {
      const started = Date.now()
      const { agent } = await signInAs(context.app, context.db, role)
      crawls[role] = await crawlAs(agent, role)
      await validate(role)
      const { visits, reached, required, excused } = crawls[role]
      const counted = required.filter((pattern) => !(pattern in excused))
      const reachedCount = counted.filter((pattern) => reached.has(pattern)).length
      const excusedText =
        Object.keys(excused).length > 0
          ? ` (${Object.keys(excused).length} excused: ${Object.entries(excused)
              .map(([p, why]) => `${p}: ${why}`)
              .join('; ')})`
          : ''
      const validated = visits.filter((visit) => visit.validated).length
      console.log(
        `${role}: crawled ${visits.length} pages (${validated} validated), ` +
          `reached ${reachedCount}/${counted.length} GET routes${excusedText}` +
          ` in ${((Date.now() - started) / 1000).toFixed(1)}s`,
      )
    }
  })

  it('excuses a route only while the seeds have nothing to link to', async () => {
    const documents = await context.db('consultation_documents').count<{ count: string | number }[]>({ count: '*' })
    assert.equal(
      Number(documents[0]?.count),
      0,
      'a seeded consultation now has a document: remove its download from UNREACHABLE_IN_SEEDS',
    )
  })

  for (const role of ROLES) {
    describe(`as an ${role}`, () => {
      it('reaches every GET route the role may use', () => {
        const { reached, required, excused } = crawls[role]
        const missing = required.filter((pattern) => !reached.has(pattern) && !(pattern in excused))
        assert.deepEqual(missing, [], `${role} cannot reach by clicking: ${missing.join(', ')}`)
      })

      it('reaches no route beyond the role', () => {
        const beyond = [...crawls[role].reached].filter((pattern) => !crawls[role].required.includes(pattern))
        assert.deepEqual(beyond, [], `${role} reached routes their role does not allow`)
      })

      it('every page reached answers 200', () => {
        const { visits } = crawls[role]
        const byUrl = new Map(visits.map((visit) => [visit.url, visit]))
        const arrivesAt = (visit: Visit): Visit | undefined =>
          REDIRECTS.includes(visit.status) && visit.location ? byUrl.get(visit.location) : visit
        // Redirected once, to a page that answers 200: the route's own doing, not a broken link. Never to sign-in.
        const broken = visits
          .filter((visit) => arrivesAt(visit)?.status !== 200 || arrivesAt(visit)?.url.startsWith('/admin/sign-in'))
          .map(({ url, from, status, location }) => ({ url, from, status, location }))
        assert.deepEqual(broken, [], `${role} followed links that did not answer 200`)
      })

      it('the largest page of each route reached has 0 html-validate errors', () => {
        const invalid = crawls[role].visits
          .filter((visit) => visit.htmlErrors.length > 0)
          .map(({ url, htmlErrors }) => ({ url, htmlErrors }))
        assert.deepEqual(invalid, [], `${role}: invalid HTML`)
      })
    })
  }

  describe('in Chromium', { skip }, () => {
    let browser: BrowserContext
    let baseUrl: string
    let close: () => Promise<void> = () => Promise.resolve()

    before(async () => {
      await context.ready
      ;({ browser, baseUrl, close } = await serveInBrowser(context.app))
    })
    after(() => close())

    /**
     * Chromium is slow on a 2-core CI runner and CI must stay under 15 minutes, so each route is checked
     * once, as an admin (who reaches them all), on its smallest page (the rich pages are checked in
     * results.browser.test.ts and the other browser tests). Every page each role reaches is still
     * checked with html-validate above. `pagesToCheck` can also give an editor's or an analyst's pages
     * that differ from the admin's.
     */
    const pagesToCheck = (role: Role): string[] => {
      const adminMain = new Map(crawls.admin.visits.map((visit) => [visit.url, visit.main]))
      const smallest = new Map<string, Visit>()
      for (const visit of crawls[role].visits) {
        if (visit.status !== 200 || !visit.contentType.startsWith('text/html')) continue
        if (role !== 'admin' && visit.pattern !== '/admin' && adminMain.get(visit.url) === visit.main) continue
        const chosen = smallest.get(visit.pattern)
        if (!chosen || visit.size < chosen.size) smallest.set(visit.pattern, visit)
      }
      return [...smallest.values()].map((visit) => visit.url)
    }

    for (const role of ['admin'] as const) {
      it(`as an ${role}, one page of each route has 0 axe violations and 0 console errors`, async () => {
        await browser.clearCookies()
        const cookie = await sessionCookieFor(context.app, context.db, role)
        const split = cookie.indexOf('=')
        await browser.addCookies([{ name: cookie.slice(0, split), value: cookie.slice(split + 1), url: baseUrl }])
        const urls = pagesToCheck(role)
        const problems: { url: string; axeViolations: unknown[]; consoleErrors: string[] }[] = []
        const page = await browser.newPage()
        try {
          for (const url of urls) {
            // Every page reached was validated with html-validate in the crawl above.
            const report = await checkPage(page, baseUrl + url, 200, { validateHtml: false })
            if (report.axeViolations.length > 0 || report.consoleErrors.length > 0)
              problems.push({ url, axeViolations: report.axeViolations, consoleErrors: report.consoleErrors })
          }
        } finally {
          await page.close()
        }
        console.log(`${role}: checked ${urls.length} pages in Chromium`)
        assert.deepEqual(problems, [], `${role}: axe violations or console errors`)
      })
    }
  })
})
