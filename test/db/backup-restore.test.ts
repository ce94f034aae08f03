import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { after, before, describe, it } from 'node:test'
import type { Express } from 'express'
import type { Knex } from 'knex'
import { createPostgresDatabase } from '../../src/db/database'
import { adminConnection, databaseUrl } from '../../src/db/provision'
import { REFERENCE_PATTERN } from '../../src/responses/reference'
import { appWithAllRoutes, useTestApp } from '../support/app'
import { signInAs } from '../support/auth'
import { fold, parse } from '../support/html'
import { SAMPLE_SLUG, SURVEY, answerPages, fullPath, newAgent, submitFromCheck } from '../surveys/journey-helpers'

const serverUrl = process.env.TEST_DATABASE_URL
const skip = serverUrl ? false : 'pg_dump and pg_restore need a PostgreSQL server: run with TEST_DATABASE_URL'
if (skip) console.log(`Skipping the backup test: ${skip}`)

/** A resident answers the sample survey on `app` and reads their reference from the confirmation page. */
async function respond(app: Express): Promise<string> {
  const agent = newAgent(app)
  await answerPages(agent, fullPath())
  assert.equal((await submitFromCheck(agent)).status, 303)
  return fold(parse((await agent.get(`${SURVEY}/confirmation`).expect(200)).text)('.app-reference').text())
}

/** The references an analyst sees listed for the sample consultation. */
async function listedReferences(app: Express, db: Knex): Promise<string[]> {
  const { agent } = await signInAs(app, db, 'analyst')
  const { id } = await db('consultations').where({ slug: SAMPLE_SLUG }).first<{ id: number }>('id')
  const page = parse((await agent.get(`/admin/consultations/${id}/responses`).expect(200)).text)
  return page('tbody .govuk-table__row td:first-child')
    .map((_, el) => fold(page(el).text()))
    .get()
}

describe('a backup (pg_dump -Fc) restored into a fresh database (pg_restore)', { skip }, () => {
  // Inside the suite, so that on PGlite, where it is skipped, no database is opened for it.
  const context = useTestApp()
  let restoredApp: Express
  let restoredDb: Knex
  let reference = ''
  let restoredName = ''
  let folder = ''

  before(async () => {
    const server = serverUrl ?? ''
    await context.ready
    reference = await respond(context.app)
    const { rows } = await context.db.raw<{ rows: { name: string }[] }>('select current_database() as name')
    const source = rows[0]?.name ?? ''
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'hub-backup-'))
    const dump = path.join(folder, 'hub.dump')
    execFileSync('pg_dump', ['-Fc', '-f', dump, '-d', databaseUrl(server, source)])

    restoredName = `${source}_restored`
    const admin = adminConnection(server)
    await admin.raw('CREATE DATABASE ??', [restoredName])
    await admin.destroy()
    const restoredUrl = databaseUrl(server, restoredName)
    execFileSync('pg_restore', ['--exit-on-error', '--no-owner', '-d', restoredUrl, dump])
    restoredDb = createPostgresDatabase(restoredUrl)
    restoredApp = appWithAllRoutes(restoredDb)
  })

  after(async () => {
    await restoredDb.destroy()
    const admin = adminConnection(serverUrl ?? '')
    await admin.raw('DROP DATABASE IF EXISTS ?? WITH (FORCE)', [restoredName])
    await admin.destroy()
    fs.rmSync(folder, { recursive: true, force: true })
  })

  it('shows the published 2014 results with their 115 responses', async () => {
    const page = parse((await newAgent(restoredApp).get('/consultations/substance-misuse-services').expect(200)).text)
    assert.match(fold(page('section[aria-labelledby="results-heading"] p').first().text()), /^115 responses\./)
  })

  it('lists the response a resident sent before the backup, by its reference', async () => {
    assert.match(reference, REFERENCE_PATTERN)
    assert.deepEqual(await listedReferences(restoredApp, restoredDb), [reference])
  })

  it('takes new responses after the restore', async () => {
    const another = await respond(restoredApp)
    assert.match(another, REFERENCE_PATTERN)
    assert.deepEqual((await listedReferences(restoredApp, restoredDb)).sort(), [reference, another].sort())
  })
})
