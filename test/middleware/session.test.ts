import assert from 'node:assert/strict'
import { request as httpRequest, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { after, before, describe, it } from 'node:test'
import express, { type ErrorRequestHandler } from 'express'
import session, { type SessionData } from 'express-session'
import { setUpWebSession } from '../../src/middleware/session'
import { testConfig } from '../support/app'

/** A store whose writes take a while, as they do behind a busy database, and fail when told to. */
class SlowStore extends session.MemoryStore {
  failing = false
  override set(sid: string, data: SessionData, callback?: (err?: unknown) => void): void {
    setTimeout(() => (this.failing ? callback?.(new Error('database down')) : super.set(sid, data, callback)), 150)
  }
}

declare module 'express-session' {
  interface SessionData {
    note?: string
  }
}

const send = (port: number, method: string, path: string, cookie = ''): Promise<IncomingMessage> =>
  new Promise((resolve, reject) => {
    const outgoing = httpRequest({ port, method, path, headers: cookie ? { cookie } : {} }, resolve)
    outgoing.on('error', reject)
    outgoing.end()
  })

const bodyOf = async (response: IncomingMessage): Promise<string> => {
  let text = ''
  for await (const chunk of response) text += String(chunk)
  return text
}

describe('a redirect from a request that changed the session', () => {
  let server: Server
  let port = 0
  const store = new SlowStore()

  before(async () => {
    const app = express()
    app.use(setUpWebSession(testConfig(), store))
    app.post('/note', (req, res) => {
      req.session.note = 'Saved: 1 question public'
      res.redirect(303, '/note')
    })
    app.get('/note', (req, res) => {
      res.send(req.session.note ?? 'no note')
    })
    // eslint-disable-next-line @typescript-eslint/no-unused-vars -- Express knows an error handler by its arity
    const unavailable: ErrorRequestHandler = (_err, _req, res, _next) => {
      res.status(503).send('Sorry, the service is unavailable')
    }
    app.use(unavailable)
    server = app.listen(0)
    await new Promise((resolve) => server.once('listening', resolve))
    port = (server.address() as AddressInfo).port
  })
  after(() => {
    server.closeAllConnections()
    return new Promise((resolve) => server.close(resolve))
  })

  it('is sent only once the session is stored, so the page it leads to shows the change', async () => {
    const redirect = await send(port, 'POST', '/note')
    assert.equal(redirect.statusCode, 303)
    // A browser follows the redirect as soon as its headers arrive, before the rest of the response.
    const cookie = String(redirect.headers['set-cookie']?.[0]).split(';')[0]
    const next = await send(port, 'GET', redirect.headers.location ?? '', cookie)
    assert.equal(await bodyOf(next), 'Saved: 1 question public')
    await bodyOf(redirect)
  })

  it('is not sent when the session cannot be stored: the error page is', async () => {
    store.failing = true
    try {
      const response = await send(port, 'POST', '/note')
      assert.equal(response.statusCode, 503)
      assert.equal(response.headers.location, undefined)
      assert.equal(await bodyOf(response), 'Sorry, the service is unavailable')
    } finally {
      store.failing = false
    }
  })
})
