import assert from 'node:assert/strict'
import { before, describe, it } from 'node:test'
import { createServices } from '../../src/services'
import { createSurveyRepository } from '../../src/surveys/repository'
import { useTestApp } from '../support/app'
import { useSignedInAgents } from '../support/auth'
import { fold, parse, type Page } from '../support/html'
import { consultationBetween, createConsultation, DAY } from '../support/lifecycle-fixtures'
import { PUBLISHED_SLUG, publishSeededResponses } from '../support/published-responses'
import { addResponses, everyKindSurvey } from '../support/survey-fixtures'

// Noon on a Wednesday in London (GMT): "today" began at midnight.
const NOW = new Date('2026-12-02T12:00:00Z')
const context = useTestApp({ now: () => NOW })
const agents = useSignedInAgents(context)

const at = (days: number) => new Date(NOW.getTime() + days * DAY)

/** Each row of a dashboard table: its cells' text, and the first link's address. */
const rowsOf = (page: Page, table: string) =>
  page(`#${table} tbody tr`)
    .map((_, row) => ({
      cells: page(row)
        .find('td')
        .map((__, cell) => fold(page(cell).text()))
        .get(),
      href: page(row).find('a').attr('href'),
    }))
    .get()

describe('the officers’ dashboard', () => {
  const ids: Record<string, number> = {}
  before(async () => {
    await context.ready
    ids.closingSoon = await createConsultation(context.db, consultationBetween('closing-soon', at(-10), at(5)))
    ids.openLonger = await createConsultation(context.db, consultationBetween('open-longer', at(-1), at(30)))
    ids.overdue = await createConsultation(context.db, consultationBetween('closed-13-weeks', at(-120), at(-91)))
    ids.recent = await createConsultation(context.db, consultationBetween('closed-2-weeks', at(-40), at(-14)))

    const surveys = createSurveyRepository(context.db)
    await context.db.transaction((trx) => surveys.insert(trx, ids.closingSoon!, everyKindSurvey))
    const survey = (await surveys.findByConsultationId(ids.closingSoon))!
    await addResponses(context.db, survey, ids.closingSoon, [
      { submittedAt: at(-1), answers: { 'use-parks': 'yes', comments: 'Lovely', email: 'resident@example.test' } },
      { submittedAt: at(-0.25), answers: { 'use-parks': { other: 'Sometimes' }, comments: 'Too muddy' } },
      { submittedAt: at(-0.1), answers: { 'use-parks': 'no' } },
    ])
  })

  const dashboard = async (role: 'analyst' | 'editor' = 'editor') => {
    const response = await agents[role].get('/admin').expect(200)
    return parse(response.text)
  }

  it('lists open consultations, closing soonest first, with responses today (London) and in total', async () => {
    const rows = rowsOf(await dashboard(), 'open-now')
    const mine = rows.filter((row) => /closing-soon|open-longer/.test(row.cells[0] ?? ''))
    assert.deepEqual(
      mine.map((row) => [row.cells[0], row.cells[2], row.cells[3], row.href]),
      [
        ['Consultation closing-soon', '2', '3', `/admin/consultations/${ids.closingSoon}/responses`],
        ['Consultation open-longer', '0', '0', `/admin/consultations/${ids.openLonger}/responses`],
      ],
    )
  })

  it('lists consultations closing in the next 14 days, and only them', async () => {
    const titles = rowsOf(await dashboard(), 'closing-soon').map((row) => row.cells[0])
    assert.ok(titles.includes('Consultation closing-soon'))
    assert.ok(!titles.includes('Consultation open-longer'))
  })

  it('lists closed consultations awaiting feedback by due date, the overdue ones marked', async () => {
    const rows = rowsOf(await dashboard(), 'awaiting-feedback')
    const titles = rows.map((row) => row.cells[0])
    assert.ok(!titles.includes('Consultation substance-misuse-services'), 'the 2014 feedback is published')
    const overdue = rows.find((row) => row.cells[0] === 'Consultation closed-13-weeks')
    const recent = rows.find((row) => row.cells[0] === 'Consultation closed-2-weeks')
    assert.ok(overdue && recent, `rows were ${titles.join(' | ')}`)
    assert.ok(titles.indexOf(overdue.cells[0]) < titles.indexOf(recent.cells[0]))
    assert.equal(overdue.cells[2], '25 November 2026 Overdue')
    assert.equal(recent.cells[2], '10 February 2027')
    assert.equal(overdue.href, `/admin/consultations/${ids.overdue}/feedback`)
  })

  it('links analysts, who cannot write feedback, to the consultation instead', async () => {
    const rows = rowsOf(await dashboard('analyst'), 'awaiting-feedback')
    const recent = rows.find((row) => row.cells[0] === 'Consultation closed-2-weeks')
    assert.equal(recent?.href, `/admin/consultations/${ids.recent}`)
  })

  it('counts free-text answers not yet coded, leaving out email addresses, and drops them once coded', async () => {
    const countFor = async () =>
      rowsOf(await dashboard(), 'uncoded').find((row) => row.cells[0] === 'Consultation closing-soon')
    const before = await countFor()
    assert.deepEqual(before, {
      cells: ['Consultation closing-soon', '3'],
      href: '/admin/consultations/closing-soon/results',
    })
    const { codingService } = createServices(context.db)
    const added = await codingService.addCode(null, ids.closingSoon!, { label: 'Mud', description: '' })
    assert.ok(added.ok)
    const muddy = await context.db('response_answers').where({ text_value: 'Too muddy' }).first('id')
    await codingService.tagAnswers(null, ids.closingSoon!, new Map([[Number(muddy.id), [added.id]]]))
    assert.equal((await countFor())?.cells[1], '2')
  })

  it('counts responses waiting for moderation, linking to the queue, and drops them once moderated', async () => {
    const page = async () => dashboard('analyst')
    assert.equal(fold((await page())('#moderation').text()), 'No response is waiting for moderation.')
    await publishSeededResponses(context.db)
    const consultation = await context.db('consultations').where({ slug: PUBLISHED_SLUG }).first('id')
    assert.deepEqual(rowsOf(await page(), 'moderation'), [
      {
        cells: ['Substance misuse services', '1'],
        href: `/admin/consultations/${consultation.id}/moderation`,
      },
    ])
    const awaiting = await context.db('responses').where({ moderation_status: 'awaiting' }).first('id')
    const { publishedResponseService } = createServices(context.db)
    const editor = await context.db('users').where({ role: 'editor' }).first('id', 'email')
    assert.deepEqual(await publishedResponseService.decide(editor, consultation.id, awaiting.id, 'reject'), {
      ok: true,
    })
    assert.equal(fold((await page())('#moderation').text()), 'No response is waiting for moderation.')
  })
})
