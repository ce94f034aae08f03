import assert from 'node:assert/strict'
import { before, describe, it } from 'node:test'
import type TestAgent from 'supertest/lib/agent'
import { useTestApp } from '../support/app'
import { csrfTokenFrom, signInAs } from '../support/auth'
import { fold, parse } from '../support/html'

const context = useTestApp()
const BOUNDARY = 'fuzzboundary'

/** A multipart body by hand, so a part's header can hold what a file name on disk may: a control character. */
const multipartBody = (csrf: string, filename: string) =>
  Buffer.from(
    [
      `--${BOUNDARY}`,
      'Content-Disposition: form-data; name="_csrf"',
      '',
      csrf,
      `--${BOUNDARY}`,
      `Content-Disposition: form-data; name="document"; filename="${filename}"`,
      'Content-Type: application/pdf',
      '',
      '%PDF-1.4',
      `--${BOUNDARY}--`,
      '',
    ].join('\r\n'),
  )

describe('a document upload the server cannot parse', () => {
  let editor: TestAgent
  let path: string
  before(async () => {
    editor = (await signInAs(context.app, context.db, 'editor')).agent
    const { id } = await context
      .db('consultations')
      .where({ slug: 'sample-consultation-parks-and-green-spaces' })
      .first('id')
    path = `/admin/consultations/${id}/documents`
  })

  it('is a bad request, not a server error, when a part header holds a control character', async () => {
    const _csrf = await csrfTokenFrom(editor, path)
    const response = await editor
      .post(path)
      .set('Content-Type', `multipart/form-data; boundary=${BOUNDARY}`)
      .send(multipartBody(_csrf, 'minutes\u001b.pdf'))
    assert.equal(response.status, 400)
    assert.equal(fold(parse(response.text)('h1').text()), 'Sorry, there is a problem with your request')
  })
})
