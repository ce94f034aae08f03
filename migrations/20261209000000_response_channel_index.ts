import type { Knex } from 'knex'

/**
 * A consultation's responses by channel, in id order: a results page filtered to paper (or online) responses
 * reads only those from it. At a million responses, a fifth of them on paper, counting them went from a scan
 * of every response (143 ms) to this index alone, and a number question's filtered median had its responses
 * found from a fifth of the entries it read before.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw('create index responses_consultation_channel_index on responses (consultation_id, channel, id)')
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop index responses_consultation_channel_index')
}
