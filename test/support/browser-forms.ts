import assert from 'node:assert/strict'
import type { Cheerio } from 'cheerio'
import type { AnyNode } from 'domhandler'
import type TestAgent from 'supertest/lib/agent'
import { fold, parse, type Page } from './html'

/** A form's fields as a browser posts them. */
export type Fields = Record<string, string | string[]>

// Reading and posting forms as a browser does.

/** The fields a browser would send from a form as it stands: checked boxes, selected options, text as filled. */
export function formFields($: Page, form: Cheerio<AnyNode>): { action: string; fields: Fields; names: Set<string> } {
  const fields: Fields = {}
  const names = new Set<string>()
  const add = (name: string, value: string, many: boolean) => {
    const current = fields[name]
    if (!many || current === undefined) fields[name] = many ? [value] : value
    else if (Array.isArray(current)) current.push(value)
  }
  form.find('input, select, textarea').each((_, element) => {
    const el = $(element)
    const name = el.attr('name')
    if (!name || el.is('[disabled]') || el.is('button, [type="submit"]')) return
    names.add(name)
    if (el.is('select'))
      add(name, el.find('option[selected]').attr('value') ?? el.find('option').first().attr('value') ?? '', false)
    else if (el.is('textarea')) add(name, el.text().replace(/^\n/, ''), false)
    else if (el.is('[type="checkbox"]')) {
      if (el.is('[checked]')) add(name, el.attr('value') ?? 'on', true)
    } else if (el.is('[type="radio"]')) {
      if (el.is('[checked]')) add(name, el.attr('value') ?? 'on', false)
    } else add(name, el.attr('value') ?? '', false)
  })
  return { action: form.attr('action') ?? '', fields, names }
}

/** Reads the page, changes the named fields of its form, and posts it with the rest as they stand. */
export async function submitForm(
  agent: TestAgent,
  path: string,
  changes: Fields | (($: Page) => Fields),
  formSelector?: string,
) {
  const page = await agent.get(path)
  assert.equal(page.status, 200, `GET ${path}: ${page.status}`)
  return submitShownForm(agent, page.text, path, changes, formSelector)
}

/** Changes and posts a form on a page already shown, such as one sent back with errors. */
export function submitShownForm(
  agent: TestAgent,
  html: string,
  path: string,
  changes: Fields | (($: Page) => Fields),
  formSelector?: string,
) {
  const $ = parse(html)
  // The form that posts back to this page, unless another is named (the sign-out form is on every admin page).
  const ownAction = (_: number, el: AnyNode) => ($(el).attr('action') ?? path).split('?')[0] === path.split('?')[0]
  const form = formSelector ? $(formSelector) : $('main form[method="post"]').filter(ownAction).first()
  assert.equal(form.length, 1, `no form on ${path}`)
  const { action, fields, names } = formFields($, form)
  const changed = typeof changes === 'function' ? changes($) : changes
  for (const name of Object.keys(changed)) assert.ok(names.has(name), `the form on ${path} has no field “${name}”`)
  return agent
    .post(action || path)
    .type('form')
    .send({ ...fields, ...changed })
}

export const errorsOf = (html: string) => fold(parse(html)('.govuk-error-summary').text())

export function expectRedirect(
  response: { status: number; text: string; headers: Record<string, string> },
  what: string,
): string {
  assert.equal(response.status, 303, `${what}: ${response.status} ${errorsOf(response.text)}`)
  return response.headers.location!
}
