import type { Knex } from 'knex'
import type { ResponseFilter } from '../../responses/filter'
import type { ResponseChannel } from '../../responses/types'
import { applyResponseFilter } from '../../results/response-filter'

export type { ResponseFilter }

export interface ResponseListRow {
  id: number
  reference: string
  submittedAt: Date
  channel: ResponseChannel
}

export interface StoredResponse extends ResponseListRow {
  surveyId: number
  enteredBy: string | null
  isSample: boolean
  /** How the resident agreed it may be published; null when they were not asked. */
  publishingConsent: string | null
}

export interface StoredAnswerRow {
  questionId: number
  statementKey: string | null
  optionValue: string | null
  textValue: string | null
  numberValue: string | number | null
  dateValue: string | null
}

interface ResponseDbRow {
  id: string | number
  reference: string
  submitted_at: Date | string
  channel: ResponseChannel
}

const toListRow = (row: ResponseDbRow): ResponseListRow => ({
  id: Number(row.id),
  reference: row.reference,
  submittedAt: new Date(row.submitted_at),
  channel: row.channel,
})

/** Officers' reads of stored responses, and the one delete a data-subject request needs. */
export function createResponseAdminRepository(db: Knex) {
  const filtered = (consultationId: number, filter: ResponseFilter) => {
    return applyResponseFilter(db('responses').where({ consultation_id: consultationId }), filter, 'responses')
  }

  return {
    async list(
      consultationId: number,
      filter: ResponseFilter,
      limit: number,
      offset: number,
    ): Promise<{ total: number; rows: ResponseListRow[] }> {
      const total = await filtered(consultationId, filter).first<{ count: number } | undefined>(
        db.raw('count(*)::int as count'),
      )
      const rows = await filtered(consultationId, filter)
        .orderBy([
          { column: 'submitted_at', order: 'desc' },
          { column: 'id', order: 'desc' },
        ])
        .limit(limit)
        .offset(offset)
        .select<ResponseDbRow[]>('id', 'reference', 'submitted_at', 'channel')
      return { total: total?.count ?? 0, rows: rows.map(toListRow) }
    },

    async find(consultationId: number, responseId: number, trx: Knex = db): Promise<StoredResponse | null> {
      const row = await trx('responses')
        .leftJoin('users', 'users.id', 'responses.entered_by_user_id')
        .where({ 'responses.id': responseId, 'responses.consultation_id': consultationId })
        .first<
          | (ResponseDbRow & {
              survey_id: number
              is_sample: boolean
              entered_by: string | null
              publishing_consent: string | null
            })
          | undefined
        >(
          'responses.id',
          'responses.reference',
          'responses.submitted_at',
          'responses.channel',
          'responses.survey_id',
          'responses.is_sample',
          'responses.publishing_consent',
          'users.email as entered_by',
        )
      if (!row) return null
      return {
        ...toListRow(row),
        surveyId: row.survey_id,
        enteredBy: row.entered_by ?? null,
        isSample: row.is_sample,
        publishingConsent: row.publishing_consent,
      }
    },

    async answers(responseId: number): Promise<StoredAnswerRow[]> {
      return db('response_answers')
        .where({ response_id: responseId })
        .orderBy('id')
        .select(
          'question_id as questionId',
          'statement_key as statementKey',
          'option_value as optionValue',
          'text_value as textValue',
          'number_value as numberValue',
          db.raw('date_value::text as "dateValue"'),
        )
    },

    /** The response a resident quotes the reference of, whichever consultation it answered. */
    async findByReference(reference: string): Promise<{ id: number; consultationId: number } | null> {
      const row = await db('responses')
        .where({ reference })
        .first<{ id: string | number; consultation_id: number } | undefined>('id', 'consultation_id')
      return row ? { id: Number(row.id), consultationId: row.consultation_id } : null
    },

    async delete(trx: Knex, responseId: number): Promise<void> {
      await trx('responses').where({ id: responseId }).delete()
    },
  }
}

export type ResponseAdminRepository = ReturnType<typeof createResponseAdminRepository>
