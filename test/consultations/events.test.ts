import assert from 'node:assert/strict'
import { before, describe, it } from 'node:test'
import ICAL from 'ical.js'
import request from 'supertest'
import type TestAgent from 'supertest/lib/agent'
import { SAMPLE_SLUG } from '../../seeds/data/sample-consultation'
import { TEST_BASE_URL, useTestApp } from '../support/app'
import { postForm, useSignedInAgents } from '../support/auth'
import { fold, parse, textOf } from '../support/html'

const context = useTestApp()
const agents = useSignedInAgents(context)

/** A resident's view of a calendar file: each event's summary and its start and end as UTC instants. */
function calendarEvents(ics: string) {
  const calendar = new ICAL.Component(ICAL.parse(ics))
  return calendar.getAllSubcomponents('vevent').map((component) => {
    const event = new ICAL.Event(component)
    return {
      summary: event.summary,
      start: event.startDate.toJSDate().toISOString(),
      end: event.endDate.toJSDate().toISOString(),
      location: event.location,
    }
  })
}

const eventFields = (overrides: Record<string, string> = {}) => ({
  title: 'Drop-in at Braunstone Library',
  kind: 'drop-in',
  'startsAt-day': '27',
  'startsAt-month': '3',
  'startsAt-year': '2027',
  'startsAt-time': '18:00',
  'endsAt-day': '27',
  'endsAt-month': '3',
  'endsAt-year': '2027',
  'endsAt-time': '20:00',
  where: 'venue',
  venueAddress: 'Braunstone Library\nLeicester',
  accessibility: 'Step-free access',
  ward: 'braunstone-park-and-rowley-fields',
  onlineUrl: '',
  description: 'Talk to the parks team.',
  booking: 'no',
  bookingDetails: '',
  ...overrides,
})

/** The webinar falls two days later, after the clocks go forward on 28 March 2027. */
const webinar = eventFields({
  title: 'Parks webinar after the clocks change',
  kind: 'webinar',
  'startsAt-day': '29',
  'endsAt-day': '29',
  'endsAt-time': '19:00',
  where: 'online',
  venueAddress: '',
  ward: '',
  onlineUrl: 'https://example.org/webinar',
  booking: 'yes',
  bookingDetails: 'https://example.org/book',
})

describe('consultation events', () => {
  let editor: TestAgent
  let base: string
  let id: number
  before(async () => {
    editor = agents.editor
    id = (await context.db('consultations').where({ slug: SAMPLE_SLUG }).first<{ id: number }>('id')).id
    base = `/admin/consultations/${id}/events`
  })
  const eventIdOf = async (title: string) =>
    (await context.db('consultation_events').where({ title }).first<{ id: number }>('id')).id

  it('an editor adds events through the form; they show on the overview page and on /events', async () => {
    assert.equal((await postForm(editor, `${base}/new`, `${base}/new`, eventFields())).status, 303)
    assert.equal((await postForm(editor, `${base}/new`, `${base}/new`, webinar)).status, 303)
    assert.match(textOf(parse((await editor.get(base).expect(200)).text)), /Parks webinar after the clocks change/)

    const overview = textOf(parse((await request(context.app).get(`/consultations/${SAMPLE_SLUG}`).expect(200)).text))
    assert.match(overview, /Upcoming events .*Drop-in at Braunstone Library .*Saturday 27 March 2027, 6pm to 8pm/)
    assert.match(overview, /Monday 29 March 2027, 6pm to 7pm/)
    assert.match(overview, /Past events Sample drop-in session at Abbey Park/)

    const events = parse((await request(context.app).get('/events').expect(200)).text)
    assert.match(textOf(events), /Drop-in at Braunstone Library .*Ward: Braunstone Park & Rowley Fields/)
    assert.equal(events('a[href="/events.ics"]').length, 1)
    const audit = await context
      .db('audit_log')
      .where({ action: 'event.add', consultation_id: id })
      .whereNotNull('user_id')
    assert.equal(audit.length, 2)
  })

  it('gives .ics files with the right London times either side of the change to summer time', async () => {
    const ics = async (path: string) => {
      const response = await request(context.app).get(path).expect(200)
      assert.match(response.headers['content-type'] ?? '', /^text\/calendar/)
      return calendarEvents(response.text)
    }
    const [dropIn] = await ics(`/events/${await eventIdOf('Drop-in at Braunstone Library')}.ics`)
    const [online] = await ics(`/events/${await eventIdOf('Parks webinar after the clocks change')}.ics`)
    assert.deepEqual(dropIn, {
      summary: 'Drop-in at Braunstone Library',
      start: '2027-03-27T18:00:00.000Z',
      end: '2027-03-27T20:00:00.000Z',
      location: 'Braunstone Library, Leicester',
    })
    assert.equal(online?.start, '2027-03-29T17:00:00.000Z', '18:00 BST is 17:00 UTC')
    const twoDays = 2 * 24 * 60 * 60 * 1000
    assert.equal(Date.parse(online.start) - Date.parse(dropIn.start), twoDays - 60 * 60 * 1000, 'an hour less: BST')
    assert.equal(online.location, 'https://example.org/webinar')

    const braunstone = (await ics('/events.ics?ward=braunstone-park-and-rowley-fields')).map((e) => e.summary)
    assert.deepEqual(braunstone, ['Drop-in at Braunstone Library'], 'the ward filter applies to the calendar feed')
    const all = (await ics('/events.ics')).map((e) => e.summary)
    assert.ok(
      all.includes('Parks webinar after the clocks change') && all.includes('Sample drop-in session at Abbey Park'),
    )
  })

  it('shows errors next to the fields and keeps what was typed', async () => {
    const response = await postForm(
      editor,
      `${base}/new`,
      `${base}/new`,
      eventFields({ 'endsAt-time': '17:00', title: 'Typed title' }),
    )
    assert.equal(response.status, 400)
    const page = parse(response.text)
    assert.deepEqual(
      page('.govuk-error-summary a')
        .map((_i, a) => page(a).attr('href'))
        .get(),
      ['#endsAt-day'],
    )
    assert.match(fold(page('#endsAt-error').text()), /must end after it starts/)
    assert.equal(page('#title').attr('value'), 'Typed title')
    assert.equal(page('#venueAddress').text(), 'Braunstone Library\nLeicester')

    const second = parse(
      (
        await postForm(
          editor,
          `${base}/new`,
          `${base}/new`,
          eventFields({
            where: 'online',
            onlineUrl: 'http://insecure.example',
            'startsAt-day': '31',
            'startsAt-month': '2',
          }),
        )
      ).text,
    )
    assert.match(fold(second('#startsAt-error').text()), /must be a real date/)
    assert.equal(second('#startsAt-month').attr('value'), '2')
    assert.equal(second('input[name="where"][value="online"]').attr('checked'), 'checked')
  })

  it('does not let an analyst add events', async () => {
    await agents.analyst.get(`${base}/new`).expect(403)
    const before = await context.db('consultation_events').count<{ count: string }[]>({ count: '*' })
    const _csrf = parse((await agents.analyst.get('/admin/account').expect(200)).text)('input[name="_csrf"]').attr(
      'value',
    )
    await agents.analyst
      .post(`${base}/new`)
      .type('form')
      .send({ _csrf, ...eventFields() })
      .expect(403)
    assert.deepEqual(await context.db('consultation_events').count<{ count: string }[]>({ count: '*' }), before)
  })

  it('is in the open data API and the events feed', async () => {
    const list = (await request(context.app).get('/api/events?ward=braunstone-park-and-rowley-fields').expect(200)).body
    assert.deepEqual(
      list.events.map((e: { title: string; startsAt: string }) => [e.title, e.startsAt]),
      [['Drop-in at Braunstone Library', '2027-03-27T18:00:00.000Z']],
    )
    const detail = (await request(context.app).get(`/api/consultations/${SAMPLE_SLUG}`).expect(200)).body
    assert.ok(detail.events.some((e: { onlineUrl: string }) => e.onlineUrl === 'https://example.org/webinar'))
    await request(context.app).get('/api/events?ward=nowhere').expect(400)
    const feed = (await request(context.app).get('/events.atom').expect(200)).text
    assert.match(feed, new RegExp(`<id>${TEST_BASE_URL}/consultations/${SAMPLE_SLUG}#event-\\d+</id>`))
  })

  it('an editor changes and deletes an event, each audit-logged', async () => {
    const eventId = await eventIdOf('Parks webinar after the clocks change')
    const edit = `${base}/${eventId}/edit`
    assert.equal(
      parse((await editor.get(edit).expect(200)).text)('#onlineUrl').attr('value'),
      'https://example.org/webinar',
    )
    assert.equal((await postForm(editor, edit, edit, { ...webinar, title: 'Renamed webinar' })).status, 303)
    const remove = `${base}/${eventId}/delete`
    const removed = await postForm(editor, remove, remove)
    assert.equal(removed.status, 303)
    await request(context.app).get(`/events/${eventId}.ics`).expect(404)
    const actions = await context
      .db('audit_log')
      .where({ entity_type: 'event', entity_id: String(eventId) })
      .pluck('action')
    assert.deepEqual(actions.sort(), ['event.add', 'event.delete', 'event.update'])
  })

  it('lists only events of published consultations', async () => {
    const show = `/admin/consultations/${id}`
    assert.equal((await postForm(editor, show, `${show}/unpublish`)).status, 303)
    assert.doesNotMatch(
      textOf(parse((await request(context.app).get('/events').expect(200)).text)),
      /Braunstone Library/,
    )
    await request(context.app)
      .get(`/events/${await eventIdOf('Drop-in at Braunstone Library')}.ics`)
      .expect(404)
  })
})
