import type { Knex } from 'knex'
import { present } from '../shared/present'
import { integerArrayLiteral } from '../shared/sql-array'
import { type ChoiceLayout, choiceCodesOf } from '../surveys/choice-layout'
import { createChoiceLayoutRepository } from '../surveys/choice-layout-repository'
import type { AnswerValue, NewResponse } from './types'
import {
  COUNT_UNDER_LIMITS,
  type CountedLimits,
  countedLimitsParams,
  NO_COUNTED_LIMITS,
} from '../rate-limit/repository'

/** A response's answers, in their order, inserted with the response of the same statement (its `inserted`). */
const INSERT_ANSWERS = `
  INSERT INTO response_answers
    (response_id, question_id, statement_key, option_value, text_value, number_value, date_value)
  SELECT inserted.id, a.question_id, a.statement_key, a.option_value, a.text_value, a.number_value, a.date_value
  FROM inserted CROSS JOIN unnest(:questions::int[], :statements::text[], :options::text[], :texts::text[],
    :numbers::numeric[], :dates::date[]) WITH ORDINALITY
    AS a(question_id, statement_key, option_value, text_value, number_value, date_value, position)
  ORDER BY a.position`

/** The answers as one array a column, for INSERT_ANSWERS. */
const answerColumns = (answers: readonly AnswerValue[]) => ({
  questions: answers.map((answer) => answer.questionId),
  statements: answers.map((answer) => answer.statementKey ?? null),
  options: answers.map((answer) => answer.optionValue ?? null),
  texts: answers.map((answer) => answer.textValue ?? null),
  numbers: answers.map((answer) => answer.numberValue ?? null),
  dates: answers.map((answer) => answer.dateValue ?? null),
})

/** A response the resident agreed to publish waits for moderation; any other is never published. */
const publishingValues = (publishing: NewResponse['publishing']) => ({
  consent: publishing?.consent ?? null,
  publishedName: publishing?.name ?? null,
  publishedOrganisation: publishing?.organisation ?? null,
  moderationStatus: publishing && publishing.consent !== 'do_not_publish' ? 'awaiting' : null,
})

/**
 * A response and its answers in one statement, which is stored whole or not at all, with the sender's counters
 * (none for an officer's paper response): counted only for a submission key not used before, and the response
 * stored only if every counter was under its limit. A draft it finishes is deleted with it. Nothing is stored
 * when the submission key was used before.
 */
const STORE_RESPONSE = `
  WITH countable AS (SELECT 1 WHERE NOT EXISTS (SELECT 1 FROM responses WHERE submission_key = :submissionKey::text)),
  counted AS (${COUNT_UNDER_LIMITS}),
  inserted AS (
    INSERT INTO responses (consultation_id, survey_id, reference, channel, submitted_at, submission_key, is_sample,
      entered_by_user_id, choice_codes, publishing_consent, published_name, published_organisation, moderation_status)
    SELECT :consultationId::int, :surveyId::int, :reference::text, :channel::text,
      coalesce(:submittedAt::timestamptz, now()), :submissionKey::text, :isSample::boolean, :enteredByUserId::int,
      :choiceCodes::bigint[], :consent::text, :publishedName::text, :publishedOrganisation::text,
      :moderationStatus::text
    WHERE (SELECT count(*) FROM counted) = cardinality(:counterKeys::text[])
    ON CONFLICT (submission_key) DO NOTHING
    RETURNING id, reference
  ),
  answers AS (${INSERT_ANSWERS}),
  finished AS (DELETE FROM survey_drafts WHERE id = :draftId::int AND EXISTS (SELECT 1 FROM inserted))
  SELECT (SELECT id FROM inserted) AS id, (SELECT reference FROM inserted) AS reference,
    ARRAY(SELECT key FROM counted) AS counted_keys`

/** What STORE_RESPONSE says: the response stored, or its counters that were under their limits. */
interface StoreRow {
  id: string | number | null
  reference: string | null
  counted_keys: string[]
}

const newlyStored = (row: StoreRow) => ({ id: Number(row.id), reference: String(row.reference), duplicate: false })

/** How a response is stored with its sender's limits: stored (or found stored before), or refused. */
export type CountedInsert =
  { stored: true; id: number; reference: string; duplicate: boolean } | { stored: false; overKeys: string[] }

interface StoredAnswerRow {
  question_id: number | string
  statement_key: string | null
  option_value: string | null
  text_value: string | null
  number_value: string | null
  date_value: string | null
}

export interface StoredResponse {
  consultationId: number
  title: string
  slug: string
  answers: AnswerValue[]
}

export function createResponseRepository(db: Knex) {
  const choiceLayouts = createChoiceLayoutRepository(db)

  async function store(
    executor: Knex,
    response: NewResponse,
    layout: ChoiceLayout | undefined,
    limits: CountedLimits = NO_COUNTED_LIMITS,
    draftId: number | null = null,
  ): Promise<StoreRow[]> {
    const choiceCodes = choiceCodesOf(
      layout ?? (await choiceLayouts.layoutOf(response.surveyId, executor)),
      response.answers,
    )
    const result = await executor.raw<{ rows: StoreRow[] }>(STORE_RESPONSE, {
      consultationId: response.consultationId,
      surveyId: response.surveyId,
      reference: response.reference,
      channel: response.channel,
      submittedAt: response.submittedAt?.toISOString() ?? null,
      submissionKey: response.submissionKey ?? null,
      isSample: response.isSample ?? false,
      enteredByUserId: response.enteredByUserId ?? null,
      choiceCodes: integerArrayLiteral(choiceCodes),
      ...publishingValues(response.publishing),
      ...answerColumns(response.answers),
      ...countedLimitsParams(limits),
      draftId,
    })
    return result.rows
  }

  /** The response stored before with this submission key, if any. */
  async function findBySubmissionKey(executor: Knex, submissionKey: string | null | undefined) {
    if (!submissionKey) return null
    const row = await executor('responses')
      .where({ submission_key: submissionKey })
      .first<{ id: string | number; reference: string } | undefined>('id', 'reference')
    return row ? { id: Number(row.id), reference: row.reference } : null
  }

  /** The response whose submission key made an insert store nothing. */
  const earlier = async (executor: Knex, response: NewResponse) => ({
    ...present(
      await findBySubmissionKey(executor, response.submissionKey),
      'The earlier response with this submission key',
    ),
    duplicate: true,
  })

  return {
    /**
     * Inserts a response and all its answers, in one statement (within the caller's transaction if `trx` is one).
     * When the submission key was used before, nothing is inserted and the earlier response's reference is
     * returned instead. The survey's choice layout is read unless given, as one kept with the survey definition
     * the answers were checked against.
     */
    async insert(
      trx: Knex,
      response: NewResponse,
      layout?: ChoiceLayout,
    ): Promise<{ id: number; reference: string; duplicate: boolean }> {
      const [row] = await store(trx, response, layout)
      return row?.id ? newlyStored(row) : earlier(trx, response)
    },

    /**
     * Inserts a resident's response as `insert` does, and counts it against the sender's `limits` in the same
     * statement: a response that would take a counter over its limit is not stored, and a draft it finishes is
     * deleted with it. A replay of a used submission key is not counted.
     */
    async insertCounted(
      response: NewResponse,
      layout: ChoiceLayout,
      limits: CountedLimits,
      draftId?: number,
    ): Promise<CountedInsert> {
      const [row] = await store(db, response, layout, limits, draftId)
      if (row?.id) return { stored: true, ...newlyStored(row) }
      const found = await findBySubmissionKey(db, response.submissionKey)
      if (found) return { stored: true, ...found, duplicate: true }
      const counted = new Set(row?.counted_keys ?? [])
      return {
        stored: false,
        overKeys: limits.counters.map((counter) => counter.key).filter((key) => !counted.has(key)),
      }
    },

    async countForConsultation(consultationId: number): Promise<number> {
      const row = await db('responses')
        .where({ consultation_id: consultationId })
        .count<{ count: string | number }[]>({ count: '*' })
        .first()
      return Number(row?.count ?? 0)
    },

    /** A response's stored answers, with its consultation's title and slug, for the emailed copy; null once deleted. */
    async findForCopy(reference: string): Promise<StoredResponse | null> {
      const response = await db('responses')
        .join('consultations', 'consultations.id', 'responses.consultation_id')
        .where('responses.reference', reference)
        .first<{ id: number | string; consultation_id: number; title: string; slug: string } | undefined>(
          'responses.id',
          'responses.consultation_id',
          'consultations.title',
          'consultations.slug',
        )
      if (!response) return null
      const answers = await db('response_answers')
        .where({ response_id: response.id })
        .orderBy('id')
        .select<StoredAnswerRow[]>(
          'question_id',
          'statement_key',
          'option_value',
          'text_value',
          db.raw('number_value::text as number_value'),
          db.raw(`to_char(date_value, 'YYYY-MM-DD') as date_value`),
        )
      return {
        consultationId: response.consultation_id,
        title: response.title,
        slug: response.slug,
        answers: answers.map((row) => ({
          questionId: Number(row.question_id),
          statementKey: row.statement_key,
          optionValue: row.option_value,
          textValue: row.text_value,
          numberValue: row.number_value === null ? null : Number(row.number_value),
          dateValue: row.date_value,
        })),
      }
    },

    async referenceExists(reference: string, trx: Knex = db): Promise<boolean> {
      return Boolean(await trx('responses').where({ reference }).first('id'))
    },
  }
}

export type ResponseRepository = ReturnType<typeof createResponseRepository>
