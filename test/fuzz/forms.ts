import { parse } from '../support/html'

/** A form's field names, each with the values its page offers or shows (radio values, options, prefilled text). */
export type FormFields = Record<string, string[]>

/** The fields of the page's POST forms that send to `action` (or to the page itself), the CSRF token left out. */
export function formFieldsOf(html: string, action: string): FormFields {
  const $ = parse(html)
  const fields: FormFields = {}
  const add = (name: string | undefined, value: string | undefined) => {
    if (!name || name === '_csrf') return
    const values = (fields[name] ??= [])
    if (value !== undefined && value !== '' && !values.includes(value)) values.push(value)
  }
  $('form[method="post"], form[method="POST"]').each((_, form) => {
    const target = ($(form).attr('action') ?? '').split('?')[0]
    if (target && target !== action) return
    $(form)
      .find('input, textarea, select')
      .each((_i, field) => {
        const element = $(field)
        const name = element.attr('name')
        if (field.tagName === 'select') element.find('option').each((_j, option) => add(name, $(option).attr('value')))
        else add(name, field.tagName === 'textarea' ? element.text() : element.attr('value'))
      })
  })
  return fields
}
