import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { renderMarkdown } from '../../src/shared/markdown'
import { parse } from '../support/html'

/** Payloads an officer's account could be used to plant (from OWASP's filter evasion list and common variants). */
const PAYLOADS = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '<svg onload=alert(1)>',
  '<iframe src="javascript:alert(1)"></iframe>',
  '[click](javascript:alert(1))',
  '[click](JaVaScRiPt:alert(1))',
  '[click](&#106;avascript:alert(1))',
  '[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
  '[click](vbscript:msgbox(1))',
  '![x](javascript:alert(1))',
  '<a href="javascript:alert(1)">x</a>',
  '<a href="https://example.org" onclick="alert(1)">x</a>',
  '<p style="background:url(javascript:alert(1))">x</p>',
  '<details open ontoggle=alert(1)>',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
  '<form action="javascript:alert(1)"><button>go</button></form>',
  '<object data="javascript:alert(1)"></object>',
  '<embed src="javascript:alert(1)">',
  '<base href="javascript:alert(1)//">',
  '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
  '<link rel=stylesheet href=javascript:alert(1)>',
  '<body onload=alert(1)>',
  '"><script>alert(1)</script>',
  '<scr<script>ipt>alert(1)</script>',
  '<input autofocus onfocus=alert(1)>',
  '<video><source onerror="alert(1)"></video>',
  '<a href="  javascript:alert(1)">x</a>',
  '<a href="java\tscript:alert(1)">x</a>',
  '<img src="x" alt="`onerror=alert(1)`">',
  '<style>@import "javascript:alert(1)";</style>',
  '<!--<script>alert(1)</script>-->',
  '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
]

const DANGEROUS_TAGS =
  'script, iframe, object, embed, base, meta, link, style, form, input, svg, math, img, video, source, body, ' +
  'details, noscript'

describe('Markdown is sanitised after rendering', () => {
  for (const payload of PAYLOADS) {
    it(`defuses ${payload.slice(0, 60)}`, () => {
      const page = parse(`<div id="rendered">${renderMarkdown(payload)}</div>`)
      assert.equal(page('#rendered').find(DANGEROUS_TAGS).length, 0, 'no dangerous element')
      page('#rendered *').each((_, el) => {
        for (const [name, value] of Object.entries((el as { attribs?: Record<string, string> }).attribs ?? {})) {
          assert.ok(!/^on/i.test(name), `event handler ${name}`)
          assert.ok(name !== 'style', 'inline style')
          assert.ok(
            // eslint-disable-next-line no-control-regex -- browsers ignore control characters in a URL's scheme
            !/^\s*(javascript|data|vbscript):/i.test(value.replace(/[\s\u0000-\u001f]/g, '')),
            `${name}=${value}`,
          )
        }
      })
    })
  }

  it('keeps ordinary Markdown with GOV.UK classes', () => {
    const page = parse(renderMarkdown('## Heading\n\nSome **bold** and a [link](https://example.org).\n\n- one\n- two'))
    assert.equal(page('h2.govuk-heading-m').text(), 'Heading')
    assert.equal(page('a.govuk-link').attr('href'), 'https://example.org')
    assert.equal(page('ul.govuk-list--bullet li').length, 2)
  })
})
