import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { BrowserContext, Page, Response } from 'playwright-core'
import { REFERENCE_PATTERN } from '../../src/responses/reference'
import { useTestApp } from '../support/app'
import { axeResultsOn, browserSkipReason, htmlErrorsIn, launchBrowser, serve } from './browser'

const skip = browserSkipReason()
const context = useTestApp()
const SAMPLE_SLUG = 'sample-consultation-parks-and-green-spaces'
const SURVEY = `/consultations/${SAMPLE_SLUG}/survey`

/** Presses Tab until the element matching the selector has focus, as a keyboard user would. */
async function tabTo(page: Page, selector: string, text?: string): Promise<void> {
  for (let presses = 0; presses < 400; presses++) {
    const focused = await page.evaluate(
      ([css, wanted]) =>
        Boolean(
          document.activeElement?.matches(css) &&
          (wanted === undefined || document.activeElement.textContent.trim() === wanted),
        ),
      [selector, text] as const,
    )
    if (focused) return
    await page.keyboard.press('Tab')
  }
  const shown = await page.locator('h1, .govuk-error-summary').allInnerTexts()
  throw new Error(`Could not reach ${selector} with the Tab key on ${page.url()}, showing ${shown.join(' / ')}`)
}

async function chooseRadio(page: Page, name: string, value: string): Promise<void> {
  await tabTo(page, `input[name="${name}"]`)
  for (let presses = 0; presses < 20; presses++) {
    if (await page.evaluate((wanted) => (document.activeElement as HTMLInputElement).value === wanted, value)) {
      await page.keyboard.press('Space')
      return
    }
    await page.keyboard.press('ArrowDown')
  }
  throw new Error(`No ${value} option in ${name}`)
}

async function typeInto(page: Page, id: string, text: string): Promise<void> {
  await tabTo(page, `#${id}`)
  await page.keyboard.type(text)
}

/** Presses Enter and waits until a new document has replaced the current one and loaded. */
async function pressEnterAndWaitForNewPage(page: Page): Promise<void> {
  await page.evaluate(() => (document.documentElement.dataset.leaving = 'yes'))
  await page.keyboard.press('Enter')
  await page.waitForFunction(
    () => document.readyState === 'complete' && !document.documentElement.dataset.leaving,
    undefined,
    { polling: 50 },
  )
}

async function pressButton(page: Page, text: string): Promise<void> {
  await tabTo(page, 'button, a.govuk-button', text)
  await pressEnterAndWaitForNewPage(page)
}

async function axeViolations(page: Page) {
  const results = await axeResultsOn(page)
  return results.violations.map((violation) => ({
    id: violation.id,
    targets: violation.nodes.map((node) => node.target.join(' ')),
  }))
}

/** The journey: a routed branch, an error, a Change that takes the other branch, then sending. */
async function answerSampleSurvey(
  page: Page,
  baseUrl: string,
  audit: (label: string) => Promise<void>,
): Promise<string> {
  await page.goto(baseUrl + SURVEY)
  await audit('start page')
  await pressButton(page, 'Start now')
  await audit('your visits')
  await pressButton(page, 'Continue')
  assert.match(await page.locator('.govuk-error-summary').innerText(), /Select how often you visit a park/)
  await audit('your visits with an error')
  await chooseRadio(page, 'visit-frequency', 'never')
  await pressButton(page, 'Continue')
  assert.equal(
    new URL(page.url()).pathname,
    `${SURVEY}/what-would-help`,
    'never visiting skips the questions about visits',
  )
  await audit('what would help')
  await typeInto(page, 'encourage', 'More benches')
  await chooseRadio(page, 'updates', 'yes')
  await pressButton(page, 'Continue')
  await audit('contact details')
  await typeInto(page, 'email', 'resident@example.org')
  await pressButton(page, 'Continue')
  await audit('about you')
  await tabTo(page, '#consent')
  await page.keyboard.press('Space')
  await pressButton(page, 'Continue')
  assert.equal(new URL(page.url()).pathname, `${SURVEY}/publishing`)
  await pressButton(page, 'Continue')
  assert.match(await page.locator('.govuk-error-summary').innerText(), /Select how we may publish your response/)
  await audit('publishing your response with an error')
  await chooseRadio(page, 'publish-consent', 'without_name')
  await pressButton(page, 'Continue')
  assert.equal(new URL(page.url()).pathname, `${SURVEY}/check`)
  await audit('check your answers')
  assert.doesNotMatch(await page.locator('main').innerText(), /Facilities/)

  await tabTo(page, `a[href^="${SURVEY}/your-visits?from=check"]`)
  await pressEnterAndWaitForNewPage(page)
  await chooseRadio(page, 'visit-frequency', 'weekly')
  await pressButton(page, 'Continue')
  assert.equal(new URL(page.url()).pathname, `${SURVEY}/the-parks-you-use`)
  await audit('the parks you use')
  await tabTo(page, '#main-park')
  await page.keyboard.type('Victoria')
  await pressButton(page, 'Continue')
  await audit('facilities')
  for (const row of ['play-areas', 'toilets', 'paths']) await chooseRadio(page, `facilities-${row}`, 'agree')
  await chooseRadio(page, 'feel-safe', 'strongly_agree')
  await pressButton(page, 'Continue')
  assert.equal(new URL(page.url()).pathname, `${SURVEY}/check`, 'after the changed branch, back to check')
  assert.match(await page.locator('main').innerText(), /Victoria Park/)
  await pressButton(page, 'Send response')
  await audit('confirmation')
  return page.locator('.govuk-panel .app-reference').innerText()
}

describe('the sample survey in Chromium', { skip }, () => {
  let baseUrl: string
  const closers: (() => Promise<void>)[] = []
  const launch = async (javaScriptEnabled: boolean): Promise<BrowserContext> => {
    const launched = await launchBrowser({ javaScriptEnabled })
    closers.unshift(launched.close)
    return launched.browser
  }

  before(async () => {
    await context.ready
    // The sample survey asks how each response may be published, so that step is walked too.
    await context
      .db('surveys')
      .whereIn('consultation_id', context.db('consultations').select('id').where({ slug: SAMPLE_SLUG }))
      .update({ publish_responses: true })
    const server = await serve(context.app)
    closers.push(server.close)
    baseUrl = server.baseUrl
  })
  after(async () => {
    for (const close of closers) await close()
  })

  it('can be answered by keyboard alone, with 0 axe violations and valid HTML on every page; stores it', async () => {
    const page = await (await launch(true)).newPage()
    // The HTML as the server sent it (a POST's error page included), before any script changes the DOM.
    let lastDocument: Response | undefined
    page.on('response', (response) => {
      if (response.request().resourceType() === 'document' && response.frame() === page.mainFrame())
        lastDocument = response
    })
    const violations: Record<string, unknown> = {}
    const htmlErrors: Record<string, unknown> = {}
    const audited: string[] = []
    const reference = await answerSampleSurvey(page, baseUrl, async (label) => {
      audited.push(label)
      const found = await axeViolations(page)
      if (found.length > 0) violations[label] = found
      const html = await lastDocument?.text()
      assert.match(html ?? '', /<main/, `${label}: the server's HTML was captured`)
      const invalid = await htmlErrorsIn(html!)
      if (invalid.length > 0) htmlErrors[label] = invalid
    })
    assert.deepEqual(violations, {})
    assert.deepEqual(htmlErrors, {})
    assert.deepEqual(audited, [
      'start page',
      'your visits',
      'your visits with an error',
      'what would help',
      'contact details',
      'about you',
      'publishing your response with an error',
      'check your answers',
      'the parks you use',
      'facilities',
      'confirmation',
    ])
    assert.match(reference, REFERENCE_PATTERN)
    const stored = await context.db('responses').where({ reference }).first('id')
    assert.ok(stored, 'the response is in the database')
    const keys = await context
      .db('response_answers')
      .join('survey_questions', 'survey_questions.id', 'response_answers.question_id')
      .where({ response_id: stored.id })
      .pluck('survey_questions.key')
    assert.deepEqual(keys.sort(), [
      'consent',
      'email',
      'encourage',
      'facilities',
      'facilities',
      'facilities',
      'feel-safe',
      'main-park',
      'updates',
      'visit-frequency',
    ])
  })

  it('counts characters with govuk-frontend under the CSP', async () => {
    const page = await (await launch(true)).newPage()
    await page.goto(baseUrl + SURVEY + '/your-visits')
    await chooseRadio(page, 'visit-frequency', 'never')
    await pressButton(page, 'Continue')
    await typeInto(page, 'encourage', 'Benches')
    await page.waitForFunction(() =>
      (document.querySelector('.govuk-character-count__status')?.textContent ?? '').includes(
        '993 characters remaining',
      ),
    )
  })

  it('can be answered with JavaScript switched off', async () => {
    const page = await (await launch(false)).newPage()
    const reference = await answerSampleSurvey(page, baseUrl, () => Promise.resolve())
    assert.match(reference, REFERENCE_PATTERN)
  })
})
