import assert from 'node:assert/strict'
import crypto from 'node:crypto'
import zlib from 'node:zlib'
import { describe, it } from 'node:test'
import { filledPage, gzippedPage, SLOT_PLACEHOLDER, slottedPage } from '../../src/page-cache/slotted-page'

/** A page of repetitive markup and random text, long enough for many deflate blocks on each side. */
const longPage = () => {
  const part = (n: number) =>
    Array.from(
      { length: n },
      (_, i) => `<p class="govuk-body">Line ${i} ${crypto.randomBytes(24).toString('base64')} é ✓</p>`,
    ).join('\n')
  return `${part(3000)}<input name="_csrf" value="${SLOT_PLACEHOLDER}">${part(3000)}`
}

describe('a page kept with one slot', () => {
  it('is the page with the value in its slot, plain and gzipped, whatever the value', () => {
    const html = longPage()
    const page = slottedPage(html)
    assert.ok(page)
    assert.ok(html.length > 400_000)
    for (const value of ['', 'a', crypto.randomBytes(32).toString('hex'), 'x'.repeat(70_000 - 5536)]) {
      const expected = html.replace(SLOT_PLACEHOLDER, value)
      assert.equal(filledPage(page, value).toString(), expected)
      const gzipped = gzippedPage(page, value)
      assert.ok(gzipped.length < expected.length / 2, 'it is compressed')
      assert.equal(zlib.gunzipSync(gzipped).toString(), expected)
    }
  })

  it('is not made from a page with no slot or with two', () => {
    assert.equal(slottedPage('<p>no slot</p>'), null)
    assert.equal(slottedPage(`<p>${SLOT_PLACEHOLDER}</p><p>${SLOT_PLACEHOLDER}</p>`), null)
  })

  it('refuses a value too long for one stored block rather than send a broken page', () => {
    const page = slottedPage(`<p>${SLOT_PLACEHOLDER}</p>`)
    assert.ok(page)
    assert.throws(() => gzippedPage(page, 'x'.repeat(65_536)), RangeError)
  })
})
