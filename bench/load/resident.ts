import { type BrowserOptions, createBrowser, type Page } from './browser'
import { answersOf, LOAD_SLUG } from './survey'

export const SURVEY_START = `/consultations/${LOAD_SLUG}/survey`

export interface JourneyOutcome {
  reference: string | null
  /** Why the journey stopped short, if it did. */
  failure: string | null
  /** The session cookie's attributes as the app set them (Secure, HttpOnly, SameSite). */
  sessionCookie: string | undefined
}

function expect(page: Page, path: string): Page {
  if (page.status !== 200 || page.url !== path)
    throw new Error(`expected ${path}, got ${page.status} at ${page.url}: ${page.$('h1').first().text().trim()}`)
  return page
}

/**
 * One resident answers the three-page survey from its start page to the confirmation, as a browser would,
 * and reads the reference the confirmation page gives.
 */
export async function completeJourney(
  index: number,
  options: Omit<BrowserOptions, 'address'>,
): Promise<JourneyOutcome> {
  // 198.18.0.0/15 is set aside for benchmarks (RFC 2544): an address a resident.
  const address = `198.18.${Math.floor(index / 256)}.${index % 256}`
  const browser = createBrowser({ ...options, address })
  try {
    const start = expect(await browser.get(SURVEY_START), SURVEY_START)
    const firstPage = start.$('a.govuk-button--start').attr('href') ?? ''
    let page = await browser.get(firstPage)
    for (const [pageKey, fields] of Object.entries(answersOf(index))) {
      expect(page, `${SURVEY_START}/${pageKey}`)
      page = await browser.submit(page, { ...fields, action: 'continue' })
    }
    const confirmation = expect(
      await browser.submit(expect(page, `${SURVEY_START}/check`)),
      `${SURVEY_START}/confirmation`,
    )
    const reference = confirmation.$('.govuk-panel .app-reference').text().trim()
    if (!reference) throw new Error('no reference on the confirmation page')
    return { reference, failure: null, sessionCookie: browser.cookieAttributes('hub.sid') }
  } catch (err) {
    const failure = err instanceof Error ? err.message : String(err)
    return { reference: null, failure, sessionCookie: browser.cookieAttributes('hub.sid') }
  } finally {
    browser.close()
  }
}
