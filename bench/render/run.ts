/**
 * The CPU cost of rendering one public page's template, the overview of the 2014 consultation, with its
 * data already loaded: `npm run bench:render`. Prints milliseconds of CPU per render after a warm-up, the mean
 * and the best of ten batches.
 */
import { createApp } from '../../src/app'
import { loadConfig } from '../../src/config'
import { freshSeededPglite } from '../../src/db/provision'
import { createLogger } from '../../src/logger'
import { loadAssetManifest } from '../../src/middleware/static-assets'
import { createServices } from '../../src/services'

const SLUG = 'substance-misuse-services'
const WARM_UP = 100
const RENDERS = Number(process.env.RENDERS ?? 500)
const BATCHES = 10

async function main(): Promise<void> {
  const { db, pglite } = await freshSeededPglite()
  const config = loadConfig({
    NODE_ENV: 'production',
    BASE_URL: 'http://consult.test',
    SESSION_SECRET: 'x'.repeat(32),
    TRUST_PROXY: '0',
  })
  const services = createServices(db, { pageCacheMaxBytes: 0 })
  const app = createApp({ config, logger: createLogger('silent'), services, assetManifest: loadAssetManifest() })
  const consultation = await services.consultationService.getOverview(SLUG)
  if (!consultation) throw new Error(`no consultation ${SLUG}`)
  const [publishedResults, events, hasPublishedResponses] = await Promise.all([
    services.publishingService.publicResults(consultation),
    services.eventService.forOverview(consultation.id),
    services.publishedResponseService.hasPublished(consultation.id),
  ])
  const locals = {
    consultation,
    publishedResults,
    events,
    hasPublishedResponses,
    currentPath: `/consultations/${SLUG}`,
  }
  const render = () =>
    new Promise<string>((resolve, reject) =>
      app.render('consultations/show', locals, (err: Error | null, html: string) =>
        err ? reject(err) : resolve(html),
      ),
    )
  const first = await render()
  for (let i = 0; i < WARM_UP; i++) await render()
  // In batches, the best batch reported beside the mean: on a shared machine, the best is the least disturbed.
  const perRender: number[] = []
  for (let batch = 0; batch < BATCHES; batch++) {
    const before = process.cpuUsage()
    for (let i = 0; i < RENDERS / BATCHES; i++) await render()
    const used = process.cpuUsage(before)
    perRender.push((used.user + used.system) / 1000 / (RENDERS / BATCHES))
  }
  const mean = perRender.reduce((sum, ms) => sum + ms, 0) / perRender.length
  console.log(
    `overview page (${(first.length / 1024).toFixed(1)} KB): ${mean.toFixed(2)} ms of CPU per render ` +
      `(best batch of ${RENDERS / BATCHES}: ${Math.min(...perRender).toFixed(2)} ms)`,
  )
  await db.destroy()
  if (!pglite.closed) await pglite.close()
}

main().catch((err: unknown) => {
  console.error(err)
  process.exit(1)
})
