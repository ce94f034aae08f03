import { SAMPLE_ANSWERS, SAMPLE_SLUG, SURVEY, type Fields } from '../../test/surveys/journey-helpers'
import { sleep } from './app-process'
import type { Browser, Reply } from './browser'

export { SAMPLE_SLUG }

/** The sample survey's pages in order, with valid answers to each: the longest path. */
export const JOURNEY: [string, Fields][] = Object.entries(SAMPLE_ANSWERS)

const BROWSE_PATHS = ['/', '/consultations', `/consultations/${SAMPLE_SLUG}`, SURVEY]

const valueOf = (html: string, name: string): string | undefined =>
  new RegExp(`name="${name}" value="([^"]+)"`).exec(html)?.[1]

export const referenceOn = (html: string): string | undefined => /class="app-reference">([^<]+)</.exec(html)?.[1]

export interface ResidentOptions {
  /** A page that fails is tried again after this pause, as a resident presses refresh on the 503 page. */
  retryDelayMs?: number
  /** A step still failing this long after its first try is given up. */
  giveUpAfterMs?: number
  /** The pause between pages. */
  thinkMs?: number
}

export class GaveUp extends Error {}

/**
 * A resident answering the sample survey in their own browser. Each step (a page's GET and POST, or the
 * check page and the submission) is tried again until it succeeds, so an outage only delays them.
 */
export class Resident {
  failedTries = 0
  reference: string | null = null
  private readonly retryDelayMs: number
  private readonly giveUpAfterMs: number
  private readonly thinkMs: number

  constructor(
    readonly browser: Browser,
    options: ResidentOptions = {},
  ) {
    this.retryDelayMs = options.retryDelayMs ?? 500
    this.giveUpAfterMs = options.giveUpAfterMs ?? 30_000
    this.thinkMs = options.thinkMs ?? 0
  }

  async browse(): Promise<void> {
    for (const path of BROWSE_PATHS) await this.step(async () => (await this.browser.get(path)).status === 200)
  }

  async answer(pageKey: string, fields: Fields): Promise<void> {
    await this.step(async () => {
      const page = await this.browser.get(`${SURVEY}/${pageKey}`)
      const token = valueOf(page.text, '_csrf')
      if (page.status !== 200 || !token) return false
      return (await this.browser.post(`${SURVEY}/${pageKey}`, { ...fields, _csrf: token })).status === 303
    })
  }

  /** Sends the response from the check page and reads the reference on the confirmation page. */
  async submit(beforeRest?: () => Promise<void>): Promise<Reply> {
    let sent: Reply | undefined
    await this.step(async () => {
      const check = await this.browser.get(`${SURVEY}/check`)
      const token = valueOf(check.text, '_csrf')
      const submissionKey = valueOf(check.text, 'submissionKey')
      if (check.status !== 200 || !token || !submissionKey) return false
      sent = await this.browser.post(`${SURVEY}/check`, { _csrf: token, submissionKey }, beforeRest)
      return sent.status === 303
    })
    if (!beforeRest) await this.readReference()
    return sent as Reply
  }

  async readReference(): Promise<void> {
    await this.step(async () => {
      this.reference = referenceOn((await this.browser.get(`${SURVEY}/confirmation`)).text) ?? null
      return this.reference !== null
    })
  }

  /** Every page of the journey, in order, then the submission. */
  async respond(): Promise<void> {
    for (const [pageKey, fields] of JOURNEY) await this.answer(pageKey, fields)
    await this.submit()
  }

  private async step(attempt: () => Promise<boolean>): Promise<void> {
    const giveUpAt = Date.now() + this.giveUpAfterMs
    while (!(await attempt())) {
      this.failedTries++
      if (Date.now() > giveUpAt) throw new GaveUp('a step kept failing')
      await sleep(this.retryDelayMs)
    }
    if (this.thinkMs > 0) await sleep(this.thinkMs * (0.5 + Math.random()))
  }
}
