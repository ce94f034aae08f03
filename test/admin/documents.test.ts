import assert from 'node:assert/strict'
import { before, describe, it } from 'node:test'
import JSZip from 'jszip'
import request from 'supertest'
import type TestAgent from 'supertest/lib/agent'
import { MAX_DOCUMENT_BYTES } from '../../src/consultations/documents'
import { useTestApp } from '../support/app'
import { csrfTokenFrom, signInAs } from '../support/auth'
import { fold, parse } from '../support/html'

const context = useTestApp()
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n')
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52])

/** A zip (the container of DOCX, XLSX and ODT) holding these files, deflated. */
const zipOf = (files: Record<string, string>) => {
  const zip = new JSZip()
  for (const [name, text] of Object.entries(files)) zip.file(name, text)
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' })
}
const DOCX_PARTS = { '[Content_Types].xml': '<Types/>', 'word/document.xml': '<w:document>Plan</w:document>' }

describe('document uploads', () => {
  let editor: TestAgent
  let id: number
  let slug: string
  let DOCX: Buffer
  before(async () => {
    DOCX = await zipOf(DOCX_PARTS)
    editor = (await signInAs(context.app, context.db, 'editor')).agent
    ;({ id, slug } = await context
      .db('consultations')
      .where({ slug: 'sample-consultation-parks-and-green-spaces' })
      .first('id', 'slug'))
  })

  /** Sends the file name as given, folders and all (supertest would otherwise keep only its last part). */
  const upload = async (title: string, file: Buffer, filename: string) => {
    const _csrf = await csrfTokenFrom(editor, `/admin/consultations/${id}/documents`)
    const named = { filename, filepath: filename }
    return editor
      .post(`/admin/consultations/${id}/documents`)
      .field('_csrf', _csrf)
      .field('title', title)
      .attach('document', file, named)
  }
  const download = (href: string) =>
    request(context.app)
      .get(href)
      .buffer(true)
      .parse((res, cb) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () => cb(null, Buffer.concat(chunks)))
      })
  const errorFor = (html: string) => fold(parse(html)('#document-error').text())

  for (const [name, fileOf, filename] of [
    ['a PDF', () => PDF, 'plan.pdf'],
    ['a PNG', () => PNG, 'map.png'],
    ['a DOCX', () => DOCX, 'report.docx'],
  ] as const) {
    it(`accepts ${name}, stored in the database and served publicly as a download`, async () => {
      const file = fileOf()
      const response = await upload(`The ${name}`, file, filename)
      assert.equal(response.status, 303)
      const row = await context.db('consultation_documents').where({ consultation_id: id, filename }).first()
      assert.ok(row)
      const overview = parse((await request(context.app).get(`/consultations/${slug}`).expect(200)).text)
      const href = overview(`a:contains("The ${name}")`).attr('href')
      assert.equal(href, `/consultations/${slug}/documents/${row.id}`)
      const served = await download(href)
      assert.equal(served.status, 200)
      assert.match(
        String(served.headers['content-disposition']),
        new RegExp(`^attachment; filename="?${filename.replace('.', '\\.')}"?$`),
      )
      assert.equal(served.headers['x-content-type-options'], 'nosniff')
      assert.deepEqual(served.body, file)
    })
  }

  it('keeps a non-ASCII file name as typed, and sends it in the download as RFC 5987 filename*', async () => {
    const filename = 'Café – plan.pdf'
    assert.equal((await upload('Café plan', PDF, filename)).status, 303)
    const overview = parse((await request(context.app).get(`/consultations/${slug}`).expect(200)).text)
    const link = overview('a:contains("Café plan")')
    assert.match(fold(link.parent().text()), /\(Café – plan\.pdf, /)
    const served = await download(link.attr('href')!)
    assert.equal(served.status, 200)
    assert.match(
      String(served.headers['content-disposition']),
      /^attachment; filename="[^"]*"; filename\*=UTF-8''Caf%C3%A9%20%E2%80%93%20plan\.pdf$/,
    )
  })

  for (const [what, filename] of [
    ['folders', '../../x.pdf'],
    ['a Windows folder', '..\\..\\x.pdf'],
    ['a NUL byte', 'x.pdf\u0000.html'],
    ['a control character', 'x\u0007.pdf'],
  ] as const) {
    it(`refuses a file name with ${what}, with a message next to the file field`, async () => {
      const response = await upload('Odd name', PDF, filename)
      assert.equal(response.status, 400)
      assert.match(errorFor(response.text), /file name must not contain (\/|control characters)/)
    })
  }

  for (const [what, file, filename] of [
    [
      'a PDF that holds an HTML page',
      Buffer.concat([PDF, Buffer.from('<html><script>alert(1)</script></html>')]),
      'x.pdf',
    ],
    [
      'a GIF that is also an HTML page',
      Buffer.from('GIF89a/*<svg onload=alert(1)><script>alert(1)</script>*/'),
      'x.gif',
    ],
  ] as const) {
    it(`refuses ${what}`, async () => {
      const response = await upload('Polyglot', file, filename)
      assert.equal(response.status, 400)
      assert.match(errorFor(response.text), /contains web page code/)
    })
  }

  it('refuses a DOCX that expands hugely (a zip bomb)', async () => {
    const bomb = await zipOf({ ...DOCX_PARTS, 'word/document.xml': ' '.repeat(21 * 1024 * 1024) })
    assert.ok(bomb.length < 100_000)
    const response = await upload('Bomb', bomb, 'bomb.docx')
    assert.equal(response.status, 400)
    assert.match(errorFor(response.text), /expands to more than/)
  })

  it('refuses a DOCX that is not a readable zip', async () => {
    const broken = Buffer.concat([
      Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0]),
      Buffer.from('word/document.xml'),
    ])
    const response = await upload('Broken', broken, 'broken.docx')
    assert.equal(response.status, 400)
    assert.match(errorFor(response.text), /content is not a DOCX/)
  })

  it('refuses a file whose content does not match its extension', async () => {
    const response = await upload('Fake', Buffer.from('<html><script>alert(1)</script></html>'), 'fake.pdf')
    assert.equal(response.status, 400)
    assert.match(errorFor(response.text), /content is not a PDF/)
    assert.equal(parse(response.text)('.govuk-error-summary a[href="#document"]').length, 1)
  })

  it('refuses a type that is not allowed, whatever its content', async () => {
    const response = await upload('Page', Buffer.from('<html></html>'), 'page.html')
    assert.equal(response.status, 400)
    assert.match(errorFor(response.text), /must be a PDF, DOCX, XLSX, ODT/)
  })

  it('refuses a file over the size limit and keeps the title', async () => {
    const big = Buffer.concat([PDF, Buffer.alloc(MAX_DOCUMENT_BYTES)])
    const response = await upload('Too big', big, 'big.pdf')
    assert.equal(response.status, 400)
    assert.match(errorFor(response.text), /smaller than 10 MB/)
  })

  it('asks for a title and a file', async () => {
    const _csrf = await csrfTokenFrom(editor, `/admin/consultations/${id}/documents`)
    const response = await editor.post(`/admin/consultations/${id}/documents`).field('_csrf', _csrf).field('title', '')
    assert.equal(response.status, 400)
    const page = parse(response.text)
    assert.deepEqual(
      page('.govuk-error-summary a')
        .map((_, el) => page(el).attr('href'))
        .get(),
      ['#title', '#document'],
    )
  })

  it('refuses an upload without a CSRF token', async () => {
    const response = await editor
      .post(`/admin/consultations/${id}/documents`)
      .field('title', 'x')
      .attach('document', PDF, 'x.pdf')
    assert.equal(response.status, 403)
  })

  it('does not serve documents of drafts to the public', async () => {
    const response = await upload('Draft doc', PDF, 'draft.pdf')
    assert.equal(response.status, 303)
    const row = await context
      .db('consultation_documents')
      .where({ consultation_id: id, filename: 'draft.pdf' })
      .first('id')
    await context.db('consultations').where({ id }).update({ published_at: null })
    await request(context.app).get(`/consultations/${slug}/documents/${row.id}`).expect(404)
    await editor.get(`/admin/consultations/${id}/documents/${row.id}`).expect(200)
  })
})
