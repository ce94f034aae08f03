import fs from 'node:fs'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'
import type { AddressInfo } from 'node:net'
import type { Express } from 'express'
import { chromium, type BrowserContext, type Page } from 'playwright-core'
import type { AxeResults, RunOptions } from 'axe-core'
import { HtmlValidate } from 'html-validate'

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
export const WCAG_22_AA_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa']

/**
 * axe-core, loaded into every page the test browser opens. Chromium parses it as the page loads, which costs
 * about half of injecting it for each check as @axe-core/playwright does: axe runs on hundreds of pages.
 */
const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8')

/** What axe finds against WCAG 2.2 A and AA on the page as it stands. */
export async function axeResultsOn(page: Page): Promise<AxeResults> {
  const loaded = await page.evaluate(() => 'axe' in window)
  // An init script does not run where JavaScript is off, nor in a page opened before it was added.
  if (!loaded) await page.evaluate(AXE_SOURCE)
  const options: RunOptions = { runOnly: { type: 'tag', values: WCAG_22_AA_TAGS } }
  return page.evaluate(
    (runOptions) => (window as unknown as { axe: typeof import('axe-core') }).axe.run(document, runOptions),
    options,
  )
}

/**
 * Browser tests need Debian's Chromium. Without it they are skipped with a message, unless
 * REQUIRE_BROWSER is set (as CI does), when its absence is a failure. SKIP_BROWSER skips them on
 * purpose: CI runs them once, on PostgreSQL, as the pages they drive are the same on either database.
 */
export function browserSkipReason(): string | false {
  if (process.env.SKIP_BROWSER) {
    const message = 'SKIP_BROWSER is set: skipping browser tests'
    console.log(message)
    return message
  }
  if (fs.existsSync(CHROMIUM_PATH)) return false
  const message =
    `Chromium not found at ${CHROMIUM_PATH}: skipping browser tests ` + '(install it with: apt-get install -y chromium)'
  if (process.env.REQUIRE_BROWSER) throw new Error(`${message}, but REQUIRE_BROWSER is set`)
  console.log(message)
  return message
}

/** Chromium with a fresh, empty profile; `javaScriptEnabled: false` gives the no-JavaScript journey. */
export async function launchBrowser(
  options: { javaScriptEnabled?: boolean } = {},
): Promise<{ browser: BrowserContext; close: () => Promise<void> }> {
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hub-chromium-'))
  const browser = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    javaScriptEnabled: options.javaScriptEnabled ?? true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  })
  await browser.addInitScript({ content: AXE_SOURCE })
  return {
    browser,
    close: async () => {
      await browser.close()
      fs.rmSync(userDataDir, { recursive: true, force: true })
    },
  }
}

export async function serve(app: Express): Promise<{ baseUrl: string; close: () => Promise<void> }> {
  const server = http.createServer(app)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

/** The app served on a free port and a fresh Chromium to look at it; close() ends both. */
export async function serveInBrowser(app: Express, options: { javaScriptEnabled?: boolean } = {}) {
  const server = await serve(app)
  try {
    const launched = await launchBrowser(options)
    return {
      browser: launched.browser,
      baseUrl: server.baseUrl,
      close: async () => {
        await launched.close()
        await server.close()
      },
    }
  } catch (err) {
    await server.close()
    throw err
  }
}

const htmlValidate = new HtmlValidate({
  extends: ['html-validate:recommended'],
  rules: {
    // govuk-frontend's own markup: void elements written as <br> and <input ...> without "/".
    'void-style': 'off',
    // Long, readable attribute values in govuk-frontend components (e.g. data-module lists).
    'attribute-boolean-style': 'off',
    // govuk-frontend's templates put whitespace where this rule expects none.
    'no-trailing-whitespace': 'off',
    // GOV.UK page titles name the page, the service and the organisation, so they run long by design.
    'long-title': 'off',
    // govuk-frontend's start button is a link styled with role="button", as the Design System specifies.
    'prefer-native-element': ['error', { exclude: ['button'] }],
    // govuk-frontend's date input puts role="group" on its fieldset on purpose, for older screen readers.
    'no-redundant-role': 'off',
    // A group of GOV.UK checkboxes shares one name, so a GET form sends ward=abbey&ward=castle.
    'form-dup-name': ['error', { shared: ['radio', 'checkbox', 'button', 'reset', 'submit'] }],
  },
})

export type HtmlErrors = { rule: string; message: string; line: number }[]

/** What html-validate finds wrong in a page's markup, as the server sent it. */
export async function htmlErrorsIn(html: string): Promise<HtmlErrors> {
  const validation = await htmlValidate.validateString(html)
  return validation.results.flatMap((result) =>
    result.messages
      .filter((message) => message.severity === 2)
      .map((message) => ({ rule: message.ruleId, message: message.message, line: message.line })),
  )
}

export interface PageReport {
  axeViolations: { id: string; impact?: string | null; help: string; targets: string[] }[]
  htmlErrors: HtmlErrors
  consoleErrors: string[]
}

/**
 * Loads a page and reports what axe finds against WCAG 2.2 A/AA, and what html-validate finds. Either can be
 * left out where the caller has checked the same page, or another from the same template, already: both are slow.
 */
export async function checkPage(
  page: Page,
  url: string,
  expectedStatus = 200,
  { validateHtml = true, runAxe = true } = {},
): Promise<PageReport> {
  const consoleErrors: string[] = []
  const onConsole = (message: { type(): string; text(): string }) => {
    if (message.type() === 'error') consoleErrors.push(message.text())
  }
  page.on('console', onConsole)
  const response = await page.goto(url, { waitUntil: 'load' })
  if (response?.status() !== expectedStatus)
    throw new Error(`${url} answered ${response?.status()}, expected ${expectedStatus}`)
  // A redirect (to the sign-in page, say) would otherwise pass as a check of the page it landed on.
  if (page.url() !== url) throw new Error(`${url} redirected to ${page.url()}`)
  const html = await response.text()
  const axe = runAxe ? await axeResultsOn(page) : { violations: [] }
  const htmlErrors = validateHtml ? await htmlErrorsIn(html) : []
  page.off('console', onConsole)
  return {
    axeViolations: axe.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      help: violation.help,
      targets: violation.nodes.map((node) => node.target.join(' ')),
    })),
    htmlErrors,
    // The browser logs the page's own error status; that is the page under test, not a fault in it.
    consoleErrors: consoleErrors.filter(
      (text) => expectedStatus === 200 || !text.includes(`status of ${expectedStatus}`),
    ),
  }
}
