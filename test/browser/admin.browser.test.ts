import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { BrowserContext, Page } from 'playwright-core'
import { useTestApp } from '../support/app'
import { createUser, TEST_PASSWORD } from '../support/auth'
import { SAMPLE_SLUG } from '../../seeds/data/sample-consultation'
import { axeResultsOn, browserSkipReason, checkPage, htmlErrorsIn, launchBrowser, serve } from './browser'

const skip = browserSkipReason()
const context = useTestApp()

describe('an officer runs a consultation in Chromium', { skip }, () => {
  let browser: BrowserContext
  let page: Page
  let baseUrl: string
  let consultationId = ''
  const closers: (() => Promise<void>)[] = []

  before(async () => {
    const server = await serve(context.app)
    closers.push(server.close)
    baseUrl = server.baseUrl
    const launched = await launchBrowser()
    closers.unshift(launched.close)
    browser = launched.browser
    page = await browser.newPage()
  })
  after(async () => {
    for (const close of closers) await close()
  })

  const assertAccessible = async (path: string, status = 200) => {
    const checker = await browser.newPage()
    try {
      const report = await checkPage(checker, baseUrl + path, status)
      assert.deepEqual(report.axeViolations, [], `axe violations on ${path}`)
      assert.deepEqual(report.htmlErrors, [], `html-validate errors on ${path}`)
      assert.deepEqual(report.consoleErrors, [], `console errors on ${path}`)
    } finally {
      await checker.close()
    }
  }

  /** Fills in and saves the new-consultation form as an officer would, and returns the new id. */
  const createConsultation = async (title: string, summary: string, description: string): Promise<string> => {
    await page.goto(`${baseUrl}/admin/consultations/new`)
    await page.getByLabel('Title').fill(title)
    await page.getByLabel('Summary').fill(summary)
    await page.getByLabel('Description (Markdown)').fill(description)
    for (const [prefix, [day, month, year, time]] of [
      ['opensAt', ['1', '1', '2026', '09:00']],
      ['closesAt', ['31', '12', '2030', '23:59']],
    ] as const) {
      await page.locator(`#${prefix}-day`).fill(day)
      await page.locator(`#${prefix}-month`).fill(month)
      await page.locator(`#${prefix}-year`).fill(year)
      await page.locator(`#${prefix}-time`).fill(time)
    }
    await page.getByRole('button', { name: 'Save' }).click()
    await page.waitForURL(/\/admin\/consultations\/\d+$/)
    return /(\d+)$/.exec(page.url())![1]!
  }

  it('signs in, creates, publishes and gives feedback that appears publicly', async () => {
    await assertAccessible('/admin/sign-in')
    const { email } = await createUser(context.db, 'admin')
    await page.goto(`${baseUrl}/admin/sign-in`)
    await page.getByLabel('Email address').fill(email)
    await page.getByLabel('Password', { exact: true }).fill(TEST_PASSWORD)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.waitForURL(`${baseUrl}/admin`)

    consultationId = await createConsultation(
      'Bus lanes on London Road',
      'Should London Road get bus lanes?',
      '## Background\n\nBuses are *slow*.',
    )
    await page.getByRole('button', { name: 'Publish' }).click()
    await page.waitForURL(/\/admin\/consultations\/\d+$/)

    await page.goto(`${baseUrl}/admin/consultations/${consultationId}/feedback`)
    await page.getByLabel('We asked (Markdown)').fill('We asked about bus lanes.')
    await page.getByLabel('You said (Markdown)').fill('You said **yes**.')
    await page.getByLabel('We did (Markdown)').fill('We did build them.')
    await page.getByRole('button', { name: 'Save feedback' }).click()
    await page.getByRole('button', { name: 'Publish feedback' }).click()
    await page.waitForURL(/feedback$/)

    // The browser has one cookie jar: put the officer's session aside while a resident looks.
    const officerCookies = await browser.cookies()
    await browser.clearCookies()
    const resident = await browser.newPage()
    await resident.goto(`${baseUrl}/consultations/bus-lanes-on-london-road`)
    assert.equal(await resident.locator('h1').innerText(), 'Bus lanes on London Road')
    assert.match(await resident.locator('main').innerText(), /You said\s+You said yes\./)
    await resident.close()
    await browser.addCookies(officerCookies)
  })

  // Every admin route is checked with axe and html-validate by admin-navigation.browser.test.ts, which reaches
  // them by clicking; this file keeps the journeys and the pages in their error states.
  it('builds a two-page survey, a resident answers it, and the officer reads the response', async () => {
    assert.ok(consultationId, 'the journey above signed the officer in')
    const id = await createConsultation('Park benches', 'Where should new benches go?', 'We have money for 20 benches.')
    await page.getByRole('link', { name: 'Build the survey' }).click()
    await page.waitForURL(/\/survey$/)

    const addPage = async (title: string) => {
      await page.getByRole('button', { name: 'Add a page' }).click()
      await page.getByLabel('Page title').fill(title)
      await page.getByRole('button', { name: 'Save page' }).click()
      await page.waitForURL(/\/survey$/)
    }
    const addQuestion = async (pageTitle: string, type: string, title: string, fill: () => Promise<void>) => {
      await page.getByRole('link', { name: `Add a question to ${pageTitle}` }).click()
      await page.getByLabel(type).check()
      await page.getByRole('button', { name: 'Continue' }).click()
      await page.getByLabel('Question', { exact: true }).fill(title)
      await fill()
      await page.getByRole('button', { name: 'Save question' }).click()
      await page.waitForURL(/\/survey$/)
    }
    await addPage('Your park')
    await addQuestion('Your park', 'Single choice (radios)', 'Which park do you visit most?', async () => {
      await page.getByLabel('Residents must answer this question').check()
      await page.getByLabel('Add options').fill('Abbey Park\nVictoria Park')
    })
    await addPage('Your ideas')
    await addQuestion('Your ideas', 'Long text', 'Where would a bench help?', async () => {
      await page.getByLabel('Character limit (optional)').fill('500')
    })
    await page.goto(`${baseUrl}/admin/consultations/${id}`)
    await page.getByRole('button', { name: 'Publish' }).click()
    await page.waitForURL(/\/admin\/consultations\/\d+$/)

    const officerCookies = await browser.cookies()
    await browser.clearCookies()
    const resident = await browser.newPage()
    await resident.goto(`${baseUrl}/consultations/park-benches/survey`)
    await resident.getByRole('button', { name: 'Start now' }).click()
    await resident.getByLabel('Victoria Park').check()
    await resident.getByRole('button', { name: 'Continue' }).click()
    await resident.getByLabel('Where would a bench help? (optional)').fill('By the bandstand')
    await resident.getByRole('button', { name: 'Continue' }).click()
    await resident.getByRole('button', { name: 'Send response' }).click()
    await resident.waitForURL(/confirmation$/)
    const reference = /ANON-[A-Z0-9]{8}/.exec(await resident.locator('main').innerText())![0]
    await resident.close()
    await browser.clearCookies()
    await browser.addCookies(officerCookies)

    await page.goto(`${baseUrl}/admin/consultations/${id}`)
    await page.getByRole('link', { name: /^Responses \(\d+\)$/ }).click()
    assert.equal(await page.locator('caption').innerText(), '1 response')
    await page.getByRole('link', { name: reference }).click()
    assert.equal(await page.locator('h1').innerText(), `Response ${reference}`)
    const answers = await page.locator('main').innerText()
    assert.match(answers, /Which park do you visit most\?\s+Victoria Park/)
    assert.match(answers, /Where would a bench help\?\s+By the bandstand/)

    const [firstPage] = await context
      .db('survey_pages')
      .join('surveys', 'surveys.id', 'survey_pages.survey_id')
      .where({ 'surveys.consultation_id': Number(id) })
      .orderBy('position')
      .select('survey_pages.id')
    // The crawl checks one page of each route; here, the question forms of the kinds it does not open, and the
    // pages a bad address gives.
    const base = `/admin/consultations/${id}`
    for (const type of ['matrix', 'single_choice'])
      await assertAccessible(`${base}/survey/pages/${firstPage.id}/questions/new?type=${type}`)
    await assertAccessible(`${base}/responses?from-day=31&from-month=2&from-year=2026`, 400)
    await assertAccessible(`${base}/survey/pages/${firstPage.id}/questions/new?type=riddle`, 400)
  })

  it('forms with errors are accessible too', async () => {
    const { email } = await createUser(context.db, 'editor')
    await page.context().clearCookies()
    await page.goto(`${baseUrl}/admin/sign-in`)
    await page.getByLabel('Email address').fill(email)
    await page.getByLabel('Password', { exact: true }).fill(TEST_PASSWORD)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.waitForURL(`${baseUrl}/admin`)
    const sample = await context.db('consultations').where({ slug: SAMPLE_SLUG }).first<{ id: number }>('id')
    for (const [path, heading] of [
      ['/admin/consultations/new', 'Create a consultation'],
      [`/admin/consultations/${sample.id}/events/new`, 'Add an event'],
    ]) {
      await page.goto(`${baseUrl}${path}`)
      assert.equal(await page.locator('h1').innerText(), heading, `at ${page.url()}`)
      // The page as served (the DOM after scripts ran is not what html-validate should judge).
      const [served] = await Promise.all([
        page.waitForResponse((response) => response.request().method() === 'POST'),
        page.locator(`form[action="${path}"] button[type="submit"]`).click(),
      ])
      await page.locator('.govuk-error-summary').waitFor()
      const axe = await axeResultsOn(page)
      assert.deepEqual(
        axe.violations.map((v) => v.id),
        [],
        `axe violations on ${path} with errors`,
      )
      assert.deepEqual(await htmlErrorsIn(await served.text()), [], `html-validate errors on ${path} with errors`)
      assert.equal(
        await page.evaluate(() => document.activeElement?.closest('.govuk-error-summary') != null),
        true,
        'focus moves to the error summary',
      )
    }
  })
})
