import assert from 'node:assert/strict'
import { before, describe, it } from 'node:test'
import { parse as parseCsv } from 'csv-parse/sync'
import { useTestApp } from '../support/app'
import { useSignedInAgents } from '../support/auth'
import { parse } from '../support/html'
import type { SurveyFixture } from '../support/survey-fixtures'
import { createPrivacyFixture } from './purge-fixture'

const context = useTestApp()
const agents = useSignedInAgents(context)
const SLUG = 'privacy-export'
const BASE = `/admin/consultations/${SLUG}`
const PERSONAL_HEADERS = [
  'Q9. Your email',
  'Q9. Your email: codes',
  'Q11. Which ward do you live in?',
  'Q12. How old are you?',
  'Q13. Which organisation?',
  'Q13. Which organisation?: codes',
]

async function csvRows(path: string): Promise<{ header: string[]; rows: string[][] }> {
  const response = await agents.analyst.get(path).buffer(true).expect(200)
  const [header, ...rows]: string[][] = parseCsv(response.text, { bom: true })
  return { header: header!, rows }
}

describe('exports and personal data', () => {
  let fixture: SurveyFixture
  const exportAudits = () =>
    context
      .db('audit_log')
      .where({ consultation_id: fixture.consultationId })
      .whereLike('action', 'responses.export.%')
      .orderBy('id')
      .select('action', 'user_email', 'changes', 'created_at')

  before(async () => {
    await context.ready
    fixture = await createPrivacyFixture(context.db, SLUG)
  })

  it('offers to include personal data on the results page, unticked', async () => {
    const $ = parse((await agents.analyst.get(`${BASE}/results`).expect(200)).text)
    const box = $('input[name="personalData"]')
    assert.equal(box.attr('value'), 'yes')
    assert.equal(box.attr('checked'), undefined)
    assert.match(
      $(`label[for="${box.attr('id')}"]`).text(),
      /Include personal data \(About you, personal questions, email, organisation\)/,
    )
  })

  it('leaves out About you, email and organisation columns unless asked, keeping the question numbers', async () => {
    const without = await csvRows(`${BASE}/exports/responses.csv`)
    for (const header of PERSONAL_HEADERS) assert.ok(!without.header.includes(header), `has ${header}`)
    assert.ok(without.header.includes('Q10. Can we contact you?'))
    assert.ok(!without.rows.flat().some((cell) => cell.includes('@example.org') || cell.includes('Friends of')))
    assert.equal(without.rows.length, 3)

    const withPersonal = await csvRows(`${BASE}/exports/responses.csv?personalData=yes`)
    for (const header of PERSONAL_HEADERS) assert.ok(withPersonal.header.includes(header), `lacks ${header}`)
    const organisation = withPersonal.header.indexOf('Q13. Which organisation?')
    assert.deepEqual(
      withPersonal.rows.map((row) => row[organisation]),
      ['Friends of Abbey Park', '', ''],
    )
  })

  it('records each download with who, when, the format, whether personal data was in it and the rows', async () => {
    const before = (await exportAudits()).length
    await agents.analyst.get(`${BASE}/exports/responses.xlsx?personalData=yes&channel=online`).buffer(true).expect(200)
    await agents.analyst.get(`${BASE}/exports/responses.csv`).buffer(true).expect(200)
    const recorded = (await exportAudits()).slice(before)
    assert.deepEqual(
      recorded.map((row) => {
        const changes = typeof row.changes === 'string' ? JSON.parse(row.changes) : row.changes
        return [row.action, row.user_email.split('-')[0], changes.after.personalData, changes.after.rows]
      }),
      [
        ['responses.export.xlsx', 'analyst', true, 3],
        ['responses.export.csv', 'analyst', false, 3],
      ],
    )
    assert.ok(recorded.every((row) => row.created_at instanceof Date))
  })
})
