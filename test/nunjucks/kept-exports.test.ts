import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import nunjucks from 'nunjucks'
import { keepImportedMacros } from '../../src/nunjucks/kept-exports'

/** Templates in memory, counting how often the macro file's top level runs (its `{% set %}` calls `counted`). */
function environmentWith(templates: Record<string, string>) {
  const loader = {
    getSource: (name: string) => ({ src: templates[name] ?? '', path: name, noCache: false }),
  } as unknown as nunjucks.ILoader
  const env = new nunjucks.Environment(loader, { autoescape: true })
  let runs = 0
  env.addGlobal('counted', () => ++runs)
  return { env, runs: () => runs }
}

const MACROS = `{% set ran = counted() %}{% macro greet(name) %}<p>Hello, {{ name }}{{ suffix }}</p>{% endmacro %}`

describe('macros imported without context', () => {
  keepImportedMacros()

  it('are defined once, and every render still gets its own output', async () => {
    const { env, runs } = environmentWith({
      'macros.njk': MACROS,
      'page.njk': `{% from "macros.njk" import greet %}{{ greet(who) }}`,
    })
    const render = (who: string) =>
      new Promise<string>((resolve, reject) =>
        env.render('page.njk', { who }, (err, html) => (err ? reject(err) : resolve(html ?? ''))),
      )
    const pages = await Promise.all(['Asha', '<b>Ben</b>', 'Cai'].map(render))
    assert.deepEqual(pages, ['<p>Hello, Asha</p>', '<p>Hello, &lt;b&gt;Ben&lt;/b&gt;</p>', '<p>Hello, Cai</p>'])
    assert.equal(runs(), 1)
  })

  it('imported with context, still see the importing page’s variables on every render', () => {
    const { env, runs } = environmentWith({
      'macros.njk': MACROS,
      'page.njk': `{% from "macros.njk" import greet with context %}{{ greet("Dee") }}`,
    })
    assert.equal(env.render('page.njk', { suffix: '!' }), '<p>Hello, Dee!</p>')
    assert.equal(env.render('page.njk', { suffix: '?' }), '<p>Hello, Dee?</p>')
    assert.equal(runs(), 2)
  })
})
