import type express from 'express'
import nunjucks from 'nunjucks'
import type { Config } from '../config'
import { govukFrontendDir, viewsDir } from '../paths'
import { filters } from './filters'

export interface NunjucksSetup {
  config: Config
  builtAssetUrl: (logicalName: string) => string
}

/** One environment for every view, with every filter and global registered in one place. */
export function configureNunjucks(
  app: express.Express,
  { config, builtAssetUrl }: NunjucksSetup,
): nunjucks.Environment {
  const env = nunjucks.configure([viewsDir, govukFrontendDir], {
    autoescape: true,
    express: app,
    // Templates are read again on every render only in development, where they are being edited.
    noCache: config.env === 'development',
  })
  app.set('view engine', 'njk')
  for (const [name, filter] of Object.entries(filters)) env.addFilter(name, filter)
  env.addGlobal('siteName', config.siteName)
  env.addGlobal('councilName', config.councilName)
  env.addGlobal('baseUrl', config.baseUrl)
  // Not "assetUrl": govuk-frontend's template.njk reads that name for its og:image.
  env.addGlobal('builtAssetUrl', builtAssetUrl)
  return env
}
