import { after, before, describe, it } from 'node:test'
import type { BrowserContext } from 'playwright-core'
import { useTestApp } from '../test/support/app'
import { axeResultsOn, htmlErrorsIn, serveInBrowser } from '../test/browser/browser'

const context = useTestApp()
describe('timing', () => {
  let browser: BrowserContext
  let baseUrl: string
  let close: () => Promise<void>
  before(async () => {
    await context.ready
    ;({ browser, baseUrl, close } = await serveInBrowser(context.app))
  })
  after(() => close())
  it('times', async () => {
    for (const path of ['/', '/consultations/substance-misuse-services', '/consultations', '/wards', '/', '/consultations/substance-misuse-services']) {
      const page = await browser.newPage()
      let t = performance.now()
      const response = await page.goto(baseUrl + path, { waitUntil: 'load' })
      const tGoto = performance.now() - t
      const html = await response!.text()
      t = performance.now()
      await axeResultsOn(page)
      const tAxe = performance.now() - t
      t = performance.now()
      await htmlErrorsIn(html)
      const tHtml = performance.now() - t
      t = performance.now()
      await page.close()
      console.log(path, 'goto', tGoto.toFixed(0), 'axe', tAxe.toFixed(0), 'html', tHtml.toFixed(0), 'close', (performance.now() - t).toFixed(0))
    }
  })
})
