import type { Knex } from 'knex'
import { present } from '../shared/present'
import { integerArrayLiteral } from '../shared/sql-array'
import { type ChoiceLayout, choiceCodesOf } from '../surveys/choice-layout'
import { createChoiceLayoutRepository } from '../surveys/choice-layout-repository'
import type { AnswerValue, NewResponse } from './types'

const ANSWER_BATCH = 500

const toAnswerRow = (responseId: number | string, answer: AnswerValue) => ({
  response_id: responseId,
  question_id: answer.questionId,
  statement_key: answer.statementKey ?? null,
  option_value: answer.optionValue ?? null,
  text_value: answer.textValue ?? null,
  number_value: answer.numberValue ?? null,
  date_value: answer.dateValue ?? null,
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
      const [inserted] = await trx('responses')
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
        .returning<{ id: string | number; reference: string }[]>(['id', 'reference'])
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
      const rows = response.answers.map((answer) => toAnswerRow(inserted.id, answer))
      for (let start = 0; start < rows.length; start += ANSWER_BATCH) {
        await trx('response_answers').insert(rows.slice(start, start + ANSWER_BATCH))
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
