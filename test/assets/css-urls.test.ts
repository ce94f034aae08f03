import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import { describe, it } from 'node:test'
import request from 'supertest'
import { builtAssetsDir } from '../../src/paths'
import { ASSET_PREFIX, loadAssetManifest } from '../../src/middleware/static-assets'
import { useTestApp } from '../support/app'
import { parse } from '../support/html'

const context = useTestApp()

/** Every url() in the stylesheet the pages link to, as a browser would resolve it against the stylesheet's URL. */
function urlsInBuiltCss(): { stylesheet: string; urls: string[] } {
  const file = loadAssetManifest()['app.css']
  assert.ok(file, 'the stylesheet is built (npm run build:assets)')
  const css = fs.readFileSync(path.join(builtAssetsDir, file), 'utf8')
  const stylesheet = `${ASSET_PREFIX}/${file}`
  const urls = [...css.matchAll(/url\(\s*(?:"([^"]*)"|'([^']*)'|([^)'"\s]*))\s*\)/g)]
    .map((match) => match[1] ?? match[2] ?? match[3] ?? '')
    .filter((url) => !url.startsWith('data:') && !url.startsWith('#'))
    .map((url) => new URL(url, `http://localhost${stylesheet}`).pathname)
  return { stylesheet, urls: [...new Set(urls)] }
}

describe('the built stylesheet', () => {
  it('refers only to files the app serves', async () => {
    await context.ready
    const { stylesheet, urls } = urlsInBuiltCss()
    const home = await request(context.app).get('/').expect(200)
    assert.ok(parse(home.text)(`link[rel="stylesheet"][href="${stylesheet}"]`).length > 0, 'the pages use it')
    const missing = []
    for (const url of urls) {
      const response = await request(context.app).get(url)
      if (response.status !== 200) missing.push(`${url}: ${response.status}`)
    }
    assert.deepEqual(missing, [])
  })

  it('shows no crown copyright crest: the footer names the council', async () => {
    const home = await request(context.app).get('/').expect(200)
    const footer = parse(home.text)('.govuk-footer')
    assert.equal(footer.find('.govuk-footer__copyright-logo, .govuk-footer__licence-logo').length, 0)
    assert.doesNotMatch(footer.text(), /Crown copyright|Open Government Licence/)
    assert.match(footer.text(), /is run by /)
  })
})
