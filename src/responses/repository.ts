import type { Knex } from 'knex'
import { present } from '../shared/present'
import { integerArrayLiteral } from '../shared/sql-array'
import { type ChoiceLayout, choiceCodesOf } from '../surveys/choice-layout'
import { createChoiceLayoutRepository } from '../surveys/choice-layout-repository'
import type { AnswerValue, NewResponse } from './types'

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
const publishingColumns = (publishing: NewResponse['publishing']) =>
  publishing
    ? {
        publishing_consent: publishing.consent,
        published_name: publishing.name,
        published_organisation: publishing.organisation,
        moderation_status: publishing.consent === 'do_not_publish' ? null : 'awaiting',
      }
    : {}

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
  return {
    /**
     * Inserts a response and all its answers in the caller's transaction. When the submission key was
     * used before, nothing is inserted and the earlier response's reference is returned instead. The survey's
     * choice layout is read unless given, as one kept with the survey definition the answers were checked against.
     */
    async insert(
      trx: Knex.Transaction,
      response: NewResponse,
      layout?: ChoiceLayout,
    ): Promise<{ id: number; reference: string; duplicate: boolean }> {
      const choiceCodes = choiceCodesOf(
        layout ?? (await choiceLayouts.layoutOf(response.surveyId, trx)),
        response.answers,
      )
      const responseRow = trx('responses')
        .insert({
          consultation_id: response.consultationId,
          survey_id: response.surveyId,
          reference: response.reference,
          channel: response.channel,
          submitted_at: response.submittedAt ?? trx.fn.now(),
          submission_key: response.submissionKey ?? null,
          is_sample: response.isSample ?? false,
          entered_by_user_id: response.enteredByUserId ?? null,
          choice_codes: trx.raw('?::bigint[]', [integerArrayLiteral(choiceCodes)]),
          ...publishingColumns(response.publishing),
        })
        .onConflict('submission_key')
        .ignore()
        .returning(['id', 'reference'])
      // The response and its answers in one statement; no answers when the submission key was used before.
      const [inserted] = await trx
        .with('inserted', responseRow)
        .with('answers', trx.raw(INSERT_ANSWERS, answerColumns(response.answers)))
        .select<{ id: string | number; reference: string }[]>('id', 'reference')
        .from('inserted')
      if (!inserted) {
        // The insert was skipped only because a response with this submission key exists.
        const earlier = present(
          await trx('responses')
            .where({ submission_key: response.submissionKey })
            .first<{ id: string | number; reference: string } | undefined>('id', 'reference'),
          'The earlier response with this submission key',
        )
        return { id: Number(earlier.id), reference: earlier.reference, duplicate: true }
      }
      return { id: Number(inserted.id), reference: inserted.reference, duplicate: false }
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
