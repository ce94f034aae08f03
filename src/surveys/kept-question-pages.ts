import type { Request, Response } from 'express'
import { isKeptRead } from '../page-cache/kept-reads'
import {
  filledPage,
  gzippedPage,
  SLOT_PLACEHOLDER,
  type SlottedPage,
  slottedPage,
  slottedPageSize,
} from '../page-cache/slotted-page'
import type { SurveyContext } from './service'

/** Bytes of kept pages across every survey: a survey's pages go when its definition does. */
const KEPT_PAGES_MAX_BYTES = 32 * 1024 * 1024
/** What a form token may hold to be put into a page as it is: nothing that HTML escaping would change. */
const PLAIN_TOKEN = /^[A-Za-z0-9_.:|-]*$/
/** The locals a question page's templates read, beside the token; a request with any other is not kept. */
const KNOWN_LOCALS = new Set(['currentPath', 'csrfToken', 'surveyContext'])

/** The view model of a blank question page, apart from what the survey's definition gives. */
export interface BlankPageModel {
  pageNumber: number
  pageCount: number
  formAction: string
  backHref: string
}

/** A survey's kept pages by key; null for a page that cannot be kept (its render has no single token slot). */
type KeptPages = Map<string, SlottedPage | null>

/**
 * A survey's question pages as a resident first sees them, with no answers and no errors, rendered once and
 * kept: every resident gets the same page but for the form's token, put in as the page is sent. A page is
 * kept on its survey's kept definition (src/page-cache/kept-reads.ts), keyed by everything else its template
 * reads, so an edit, which brings a new definition, starts afresh. Pages showing a resident's answers or
 * errors are never kept, nor a page asked for by any path but its own.
 */
export function createKeptQuestionPages() {
  const bySurvey = new WeakMap<SurveyContext, KeptPages>()
  let keptBytes = 0
  // A survey definition's pages are counted out once the definition, and so its pages, are collected.
  const counted = new FinalizationRegistry<{ bytes: number }>((held) => (keptBytes -= held.bytes))
  const bytesOf = new WeakMap<KeptPages, { bytes: number }>()

  function pagesOf(context: SurveyContext): KeptPages {
    let pages = bySurvey.get(context)
    if (!pages) {
      pages = new Map()
      const held = { bytes: 0 }
      bySurvey.set(context, pages)
      bytesOf.set(pages, held)
      counted.register(pages, held)
    }
    return pages
  }

  function keep(pages: KeptPages, key: string, html: string): SlottedPage | null {
    const page = slottedPage(html)
    const size = page ? slottedPageSize(page) : 0
    pages.set(key, page)
    keptBytes += size
    const held = bytesOf.get(pages)
    if (held) held.bytes += size
    return page
  }

  /** The kept page, rendered and kept now if need be; null if it cannot be kept, or memory for pages is full. */
  async function keptPage(pages: KeptPages, key: string, render: (token: string) => Promise<string>) {
    if (pages.has(key)) return pages.get(key) ?? null
    if (keptBytes >= KEPT_PAGES_MAX_BYTES) return null
    return keep(pages, key, await render(SLOT_PLACEHOLDER))
  }

  const keepable = (req: Request, res: Response, context: SurveyContext, model: BlankPageModel, token: string) =>
    isKeptRead(context) &&
    PLAIN_TOKEN.test(token) &&
    req.path === model.formAction.split('?')[0] &&
    Object.keys(res.locals).every((name) => KNOWN_LOCALS.has(name))

  /**
   * Sends the blank page, rendered now or kept from before. `render` renders the page with the given token;
   * a survey definition that is not kept (with the page cache off) is rendered every time.
   */
  return async function sendBlankPage(
    req: Request,
    res: Response,
    context: SurveyContext,
    model: BlankPageModel,
    render: (token: string) => Promise<string>,
  ): Promise<void> {
    const token: string = res.locals.csrfToken ?? ''
    const page = keepable(req, res, context, model, token)
      ? await keptPage(pagesOf(context), JSON.stringify([model, res.locals.currentPath]), render)
      : null
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
