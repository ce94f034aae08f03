import type express from 'express'
import nunjucks from 'nunjucks'
import type { Config } from '../config'
import { govukFrontendDir, viewsDir } from '../paths'
import { filters } from './filters'
import { keepImportedMacros } from './kept-exports'
import { ViewLoader } from './view-loader'

export interface NunjucksSetup {
  config: Config
  builtAssetUrl: (logicalName: string) => string
}

/** One environment for every view, with every filter and global registered in one place. */
export function configureNunjucks(
  app: express.Express,
  { config, builtAssetUrl }: NunjucksSetup,
): nunjucks.Environment {
  // Templates are read again on every render only in development, where they are being edited.
  const loader = new ViewLoader([viewsDir, govukFrontendDir], { noCache: config.env === 'development' })
  const env = new nunjucks.Environment(loader, { autoescape: true })
  keepImportedMacros()
  env.express(app)
  app.set('view engine', 'njk')
  for (const [name, filter] of Object.entries(filters)) env.addFilter(name, filter)
  env.addGlobal('siteName', config.siteName)
  env.addGlobal('councilName', config.councilName)
  env.addGlobal('baseUrl', config.baseUrl)
  // Not "assetUrl": govuk-frontend's template.njk reads that name for its og:image.
  env.addGlobal('builtAssetUrl', builtAssetUrl)
  return env
}
