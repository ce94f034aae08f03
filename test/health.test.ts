import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import request from 'supertest'
import { useTestApp } from './support/app'

const context = useTestApp()

describe('health checks', () => {
  it('/healthz says the process is alive', async () => {
    const response = await request(context.app).get('/healthz').expect(200)
    assert.deepEqual(response.body, { status: 'ok' })
  })

  it('/readyz says ready when the database answers and migrations are current', async () => {
    const response = await request(context.app).get('/readyz').expect(200)
    assert.equal(response.body.status, 'ready')
    assert.deepEqual(response.body.pendingMigrations, [])
  })

  it('/readyz says not ready when a migration is pending', async () => {
    await context.db('knex_migrations').where('name', '20261123000001_foundation').delete()
    try {
      const response = await request(context.app).get('/readyz').expect(503)
      assert.deepEqual(response.body.pendingMigrations, ['20261123000001_foundation'])
    } finally {
      await context
        .db('knex_migrations')
        .insert({ name: '20261123000001_foundation', batch: 1, migration_time: new Date() })
    }
  })
})
