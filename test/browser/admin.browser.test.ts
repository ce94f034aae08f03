import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { BrowserContext, Page } from 'playwright-core'
import { useTestApp } from '../support/app'
import { createUser, TEST_PASSWORD } from '../support/auth'
import { browserSkipReason, checkPage, launchBrowser, serve } from './browser'

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

  it('signs in, creates, publishes and gives feedback that appears publicly', async () => {
    await assertAccessible('/admin/sign-in')
    const { email } = await createUser(context.db, 'admin')
    await page.goto(`${baseUrl}/admin/sign-in`)
    await page.getByLabel('Email address').fill(email)
    await page.getByLabel('Password', { exact: true }).fill(TEST_PASSWORD)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.waitForURL(`${baseUrl}/admin`)

    await page.goto(`${baseUrl}/admin/consultations/new`)
    await page.getByLabel('Title').fill('Bus lanes on London Road')
    await page.getByLabel('Summary').fill('Should London Road get bus lanes?')
    await page.getByLabel('Description (Markdown)').fill('## Background\n\nBuses are *slow*.')
    for (const [prefix, [day, month, year, time]] of [['opensAt', ['1', '1', '2026', '09:00']], ['closesAt', ['31', '12', '2030', '23:59']]] as const) {
      await page.locator(`#${prefix}-day`).fill(day)
      await page.locator(`#${prefix}-month`).fill(month)
      await page.locator(`#${prefix}-year`).fill(year)
      await page.locator(`#${prefix}-time`).fill(time)
    }
    await page.getByRole('button', { name: 'Save' }).click()
    await page.waitForURL(/\/admin\/consultations\/\d+$/)
    consultationId = /(\d+)$/.exec(page.url())![1]!
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

  it('every admin page has 0 axe violations and valid HTML', async () => {
    assert.ok(consultationId, 'the journey above created a consultation')
    const paths = [
      '/admin', '/admin/account', '/admin/account/password', '/admin/account/two-factor',
      '/admin/consultations', '/admin/consultations?status=draft&q=bus', '/admin/consultations/new',
      `/admin/consultations/${consultationId}`, `/admin/consultations/${consultationId}/edit`, `/admin/consultations/${consultationId}/preview`,
      `/admin/consultations/${consultationId}/documents`, `/admin/consultations/${consultationId}/feedback`,
      '/admin/taxonomies/wards', '/admin/taxonomies/audiences', '/admin/taxonomies/topics',
      '/admin/users', '/admin/users/new', '/admin/settings', '/admin/audit',
    ]
    // checkPage opens pages in the same browser context, so they carry the officer's session.
    for (const path of paths) await assertAccessible(path)
  })

  it('forms with errors are accessible too', async () => {
    const { email } = await createUser(context.db, 'editor')
    await page.context().clearCookies()
    await page.goto(`${baseUrl}/admin/sign-in`)
    await page.getByLabel('Email address').fill(email)
    await page.getByLabel('Password', { exact: true }).fill(TEST_PASSWORD)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.waitForURL(`${baseUrl}/admin`)
    await page.goto(`${baseUrl}/admin/consultations/new`)
    assert.equal(await page.locator('h1').innerText(), 'Create a consultation', `at ${page.url()}`)
    await page.locator('form[action="/admin/consultations/new"] button[type="submit"]').click()
    await page.locator('.govuk-error-summary').waitFor()
    const { default: AxeBuilder } = await import('@axe-core/playwright')
    const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa']).analyze()
    assert.deepEqual(axe.violations.map((v) => v.id), [])
    assert.equal(await page.evaluate(() => document.activeElement?.closest('.govuk-error-summary') != null), true, 'focus moves to the error summary')
  })
})
