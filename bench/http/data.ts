/**
 * The HTTP benchmark's data, generated in set-based SQL: 500 consultations (open, closed and forthcoming)
 * tagged with the seeded wards, audiences and topics, each with sections, a document and, once closed,
 * published feedback; and 100k responses to one survey (bench/generate.ts).
 */
import type { Knex } from 'knex'
import { createBenchConsultation, generateResponses } from '../generate'

export const CONSULTATIONS = 500
export const RESPONSES = Number(process.env.BENCH_RESPONSES ?? 100_000)
const SECTIONS = 4

/** Every third consultation mentions drugs, so that the finder's keyword has something to find. */
export async function generateConsultations(db: Knex): Promise<void> {
  await db.raw(
    `insert into consultations (slug, title, summary, opens_at, closes_at, outcome_due_at, published_at, search_text)
     select 'generated-' || g,
       'Generated consultation ' || g || case when g % 3 = 0 then ' on drug services' else ' on local parks' end,
       'What we propose for the area, number ' || g || ', and why we want your views.',
       opens, closes, closes + interval '84 days', opens - interval '1 day',
       'Background, proposals and the options we considered for consultation ' || g
     from generate_series(1, ?::int) g,
       lateral (select now() - make_interval(days => 400 - g) as opens,
                       now() - make_interval(days => 370 - g) as closes) d`,
    [CONSULTATIONS],
  )
  const generated = `select id, row_number() over (order by id) as n from consultations where slug like 'generated-%'`
  for (const [joinTable, termTable, termColumn] of [
    ['consultation_wards', 'wards', 'ward_id'],
    ['consultation_audiences', 'audiences', 'audience_id'],
    ['consultation_topics', 'topics', 'topic_id'],
  ] as const)
    // Two terms each, chosen round the taxonomy.
    await db.raw(
      `insert into ?? (consultation_id, ??)
       select c.id, t.id from (${generated}) c
       join (select id, row_number() over (order by id) - 1 as k, count(*) over () as total from ??) t
         on t.k in (c.n % t.total, (c.n * 7 + 1) % t.total)`,
      [joinTable, termColumn, termTable],
    )
  await db.raw(
    `insert into consultation_sections (consultation_id, position, heading, body_markdown)
     select c.id, s, 'Section ' || s,
       'We propose **changes** to the service.\n\n- First point ' || c.n ||
       '\n- Second point\n\nRead [the plan](https://example.org/plan).'
     from (${generated}) c cross join generate_series(1, ?::int) s`,
    [SECTIONS],
  )
  await db.raw(
    `insert into consultation_documents (consultation_id, position, title, filename, content_type, size_bytes, content)
     select c.id, 1, 'Consultation document ' || c.n, 'document-' || c.n || '.pdf', 'application/pdf', 2048,
       decode(repeat('25', 2048), 'hex')
     from (${generated}) c`,
  )
  await db.raw(
    `insert into consultation_feedback (consultation_id, we_asked, you_said, we_did, published_at, feedback_updated_at)
     select c.id, 'We asked about the plan.', 'You said it should go further.', 'We changed it.', now(), now()
     from (${generated}) c join consultations on consultations.id = c.id where consultations.closes_at < now()`,
  )
  await db.raw('vacuum analyze')
}

/** 100k responses (by default) to a closed consultation's 20-question survey. */
export async function generateBenchResponses(db: Knex): Promise<void> {
  const { consultationId, survey } = await createBenchConsultation(db, 'bench-http-responses')
  await generateResponses(db, consultationId, survey.id, 1, RESPONSES)
}
