import type { Knex } from 'knex'
import type { StoredAnswerRow } from '../admin/responses/repository'
import type { PublishingConsent } from '../surveys/publishing'

export const MODERATION_STATUSES = ['awaiting', 'approved', 'rejected', 'withdrawn'] as const
export type ModerationStatus = (typeof MODERATION_STATUSES)[number]

export interface ModeratedResponse {
  id: number
  reference: string
  submittedAt: Date
  consent: PublishingConsent
  status: ModerationStatus | null
  name: string | null
  organisation: string | null
}

/** A stored answer row with its id, its original text and the text the public sees. */
export interface ModeratedAnswerRow extends StoredAnswerRow {
  id: number
  responseId: number
  redactedText: string | null
}

const RESPONSE_COLUMNS = [
  'r.id',
  'r.reference',
  'r.submitted_at as submittedAt',
  'r.publishing_consent as consent',
  'r.moderation_status as status',
  'r.published_name as name',
  'r.published_organisation as organisation',
]

/** A row as the drivers give it: bigint ids as strings, timestamps as Date or text. */
type Raw<T, K extends keyof T> = Omit<T, K> & Record<K, string | number | Date>
type ResponseRow = Raw<ModeratedResponse, 'id' | 'submittedAt'>

const toResponse = (row: ResponseRow): ModeratedResponse => ({
  ...row,
  id: Number(row.id),
  submittedAt: new Date(row.submittedAt),
})
const toCount = (value: string | number | Date) => Number(value)

export interface AwaitingModeration {
  consultationId: number
  slug: string
  title: string
  count: number
}

export interface PublishedQuery {
  /** Only the answers to these questions are public, searched and shown. */
  questionIds: number[]
  search?: string
  /** Only responses that answered this question. */
  questionId?: number
  offset: number
  limit: number
}

const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, '\\$&')}%`

export function createPublishedResponseRepository(db: Knex) {
  /** Approved responses, while the survey still publishes responses: an editor may switch that off at any time. */
  const inPublic = (consultationId: number) =>
    db('responses as r')
      .join('surveys as s', 's.consultation_id', 'r.consultation_id')
      .where({ 'r.consultation_id': consultationId, 'r.moderation_status': 'approved', 's.publish_responses': true })

  const approved = (consultationId: number, query: PublishedQuery) => {
    const builder = inPublic(consultationId)
    const answered = (inner: Knex.QueryBuilder, questionIds: number[]) =>
      inner
        .select(db.raw('1'))
        .from('response_answers as a')
        .whereRaw('a.response_id = r.id')
        .whereIn('a.question_id', questionIds)
    const questionIds = query.questionId === undefined ? query.questionIds : [query.questionId]
    if (query.questionId !== undefined)
      builder.whereExists((inner) => {
        answered(inner, questionIds)
      })
    const search = query.search
    if (search)
      builder.whereExists((inner) => {
        answered(inner, questionIds).whereRaw(`coalesce(a.redacted_text, a.text_value) ilike ? escape '\\'`, [
          likePattern(search),
        ])
      })
    return builder
  }

  return {
    async listApproved(
      consultationId: number,
      query: PublishedQuery,
    ): Promise<{ responses: ModeratedResponse[]; total: number }> {
      const [rows, count] = await Promise.all([
        approved(consultationId, query)
          .orderBy('r.submitted_at')
          .orderBy('r.id')
          .offset(query.offset)
          .limit(query.limit)
          .select<ResponseRow[]>(RESPONSE_COLUMNS),
        approved(consultationId, query).count<{ count: string | number }[]>({ count: '*' }).first(),
      ])
      return { responses: rows.map(toResponse), total: Number(count?.count ?? 0) }
    },

    async findApproved(consultationId: number, reference: string): Promise<ModeratedResponse | null> {
      const row = await inPublic(consultationId)
        .where('r.reference', reference)
        .first<ResponseRow | undefined>(RESPONSE_COLUMNS)
      return row ? toResponse(row) : null
    },

    async hasApproved(consultationId: number): Promise<boolean> {
      return Boolean(await inPublic(consultationId).first('r.id'))
    },

    /** The responses whose residents were asked, awaiting moderation first, then oldest first. */
    async queue(
      consultationId: number,
      { offset, limit }: { offset: number; limit: number },
    ): Promise<{ responses: ModeratedResponse[]; total: number }> {
      const base = () =>
        db('responses as r').where('r.consultation_id', consultationId).whereNotNull('r.publishing_consent')
      const [rows, count] = await Promise.all([
        base()
          .orderByRaw("r.moderation_status = 'awaiting' desc, r.submitted_at, r.id")
          .offset(offset)
          .limit(limit)
          .select<ResponseRow[]>(RESPONSE_COLUMNS),
        base().count<{ count: string | number }[]>({ count: '*' }).first(),
      ])
      return { responses: rows.map(toResponse), total: Number(count?.count ?? 0) }
    },

    /** A response whose resident was asked; inside a transaction, locked until it ends. */
    async find(consultationId: number, responseId: number, trx?: Knex.Transaction): Promise<ModeratedResponse | null> {
      const query = (trx ?? db)('responses as r')
        .where({ 'r.consultation_id': consultationId, 'r.id': responseId })
        .whereNotNull('r.publishing_consent')
      if (trx) query.forUpdate()
      const row = await query.first<ResponseRow | undefined>(RESPONSE_COLUMNS)
      return row ? toResponse(row) : null
    },

    /** The answers of the given responses, limited to the given questions. */
    async answers(responseIds: number[], questionIds: number[], trx: Knex = db): Promise<ModeratedAnswerRow[]> {
      if (responseIds.length === 0 || questionIds.length === 0) return []
      const rows = await trx('response_answers')
        .whereIn('response_id', responseIds)
        .whereIn('question_id', questionIds)
        .orderBy('id')
        .select<Raw<ModeratedAnswerRow, 'id' | 'responseId'>[]>(
          'id',
          'response_id as responseId',
          'question_id as questionId',
          'statement_key as statementKey',
          'option_value as optionValue',
          'text_value as textValue',
          'redacted_text as redactedText',
          'number_value as numberValue',
          db.raw('date_value::text as "dateValue"'),
        )
      return rows.map((row) => ({ ...row, id: toCount(row.id), responseId: toCount(row.responseId) }))
    },

    async setStatus(trx: Knex, responseId: number, status: ModerationStatus, at: Date): Promise<void> {
      await trx('responses').where({ id: responseId }).update({ moderation_status: status, moderated_at: at })
    },

    async setRedactedText(trx: Knex, answerId: number, redactedText: string): Promise<void> {
      await trx('response_answers').where({ id: answerId }).update({ redacted_text: redactedText })
    },

    /** Responses awaiting moderation, by consultation, most waiting first. */
    async countAwaiting(): Promise<AwaitingModeration[]> {
      const rows = await db('responses as r')
        .join('consultations as c', 'c.id', 'r.consultation_id')
        .where('r.moderation_status', 'awaiting')
        .groupBy('c.id', 'c.slug', 'c.title')
        .orderByRaw('count(*) desc, c.title')
        .select<{ consultationId: number; slug: string; title: string; count: string | number }[]>(
          'c.id as consultationId',
          'c.slug',
          'c.title',
          db.raw('count(*) as count'),
        )
      return rows.map((row) => ({ ...row, count: toCount(row.count) }))
    },
  }
}

export type PublishedResponseRepository = ReturnType<typeof createPublishedResponseRepository>
