import * as cheerio from 'cheerio'

export type Page = cheerio.CheerioAPI

export const parse = (html: string): Page => cheerio.load(html)

/** Visible text with white space folded, as a reader would take it in. */
export const textOf = (page: Page, selector = 'main'): string => page(selector).text().replace(/\s+/g, ' ').trim()

export const fold = (text: string): string => text.replace(/\s+/g, ' ').trim()
