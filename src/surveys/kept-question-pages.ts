import type { Request, Response } from 'express'
import { filledPage, gzippedPage, SLOT_PLACEHOLDER, type SlottedPage, slottedPage } from '../page-cache/slotted-page'
import type { SurveyContext } from './service'

/** Variants of one survey's blank pages kept (a page reached by different routes has a variant for each). */
const PAGES_PER_SURVEY = 200
/** What a form token may hold to be put into a page as it is: nothing that HTML escaping would change. */
const PLAIN_TOKEN = /^[A-Za-z0-9_.:|-]*$/

/** The view model of a blank question page, apart from what the survey's definition gives. */
export interface BlankPageModel {
  pageNumber: number
  pageCount: number
  formAction: string
  backHref: string
}

/**
 * A survey's question pages as a resident first sees them, with no answers and no errors, rendered once and
 * kept: every resident gets the same page but for the form's token, put in as the page is sent. A page is
 * kept on its survey's frozen definition (src/page-cache/kept-reads.ts), keyed by everything else its
 * template reads, so an edit, which brings a new definition, starts afresh. Pages showing a resident's
 * answers or errors are never kept.
 */
export function createKeptQuestionPages() {
  const bySurvey = new WeakMap<SurveyContext, Map<string, SlottedPage>>()

  /** Everything the template reads beyond the definition and the token, as one string. */
  const keyOf = (res: Response, model: BlankPageModel) => {
    const locals = Object.keys(res.locals)
      .filter((name) => name !== 'csrfToken' && name !== 'surveyContext')
      .sort()
      .map((name): [string, unknown] => [name, res.locals[name]])
    return JSON.stringify([model, locals])
  }

  function keep(context: SurveyContext, key: string, html: string): SlottedPage | null {
    const page = slottedPage(html)
    if (!page) return null
    let pages = bySurvey.get(context)
    if (!pages) bySurvey.set(context, (pages = new Map<string, SlottedPage>()))
    if (pages.size < PAGES_PER_SURVEY) pages.set(key, page)
    return page
  }

  /**
   * Sends the blank page, rendered now or kept from before. `render` renders the page with the given token;
   * a survey definition that is not frozen (nothing is kept with the page cache off) is rendered every time.
   */
  return async function sendBlankPage(
    req: Request,
    res: Response,
    context: SurveyContext,
    model: BlankPageModel,
    render: (token: string) => Promise<string>,
  ): Promise<void> {
    const token: string = res.locals.csrfToken ?? ''
    if (!Object.isFrozen(context) || !PLAIN_TOKEN.test(token)) {
      res.status(200).send(await render(token))
      return
    }
    const key = keyOf(res, model)
    const page = bySurvey.get(context)?.get(key) ?? keep(context, key, await render(SLOT_PLACEHOLDER))
    if (!page) {
      res.status(200).send(await render(token))
      return
    }
    const gzip = req.acceptsEncodings('gzip', 'identity') === 'gzip'
    const body = gzip ? gzippedPage(page, token) : filledPage(page, token)
    res.vary('Accept-Encoding')
    res.setHeader('Content-Type', 'text/html; charset=utf-8')
    if (gzip) res.setHeader('Content-Encoding', 'gzip')
    res.setHeader('Content-Length', String(body.length))
    res.status(200).end(body)
  }
}
