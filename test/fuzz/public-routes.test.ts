import assert from 'node:assert/strict'
import { it } from 'node:test'
import { ADMIN_ROUTES } from '../../src/admin/route-table'
import { postRoutesOf } from './inventory'
import { ADMIN_FUZZ_ROUTES, FUZZ_SEARCHES, PUBLIC_FUZZ_ROUTES } from './routes'
import { fuzzEach, useFuzzApp } from './suite'

// The fuzz pass is split over three files, each with its own database, so that they run side by side.
const fuzz = useFuzzApp()

it('covers every POST route in the admin route table and the public routers', () => {
  const fuzzed = [...PUBLIC_FUZZ_ROUTES, ...ADMIN_FUZZ_ROUTES].map((route) => route.path).sort()
  const registered = [
    ...new Set([
      ...postRoutesOf(fuzz.app()),
      ...ADMIN_ROUTES.filter((row) => row.method === 'post').map((row) => row.path),
    ]),
  ].sort()
  assert.deepEqual(fuzzed, registered)
})

fuzzEach(
  'fuzzing the searches and every public POST route with hostile forms',
  [...FUZZ_SEARCHES, ...PUBLIC_FUZZ_ROUTES],
  fuzz,
)
