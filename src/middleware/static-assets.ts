import fs from 'node:fs'
import path from 'node:path'
import express, { Router } from 'express'
import { builtAssetsDir } from '../paths'

export const ASSET_PREFIX = '/assets'
const ONE_YEAR_SECONDS = 365 * 24 * 60 * 60

export type AssetManifest = Record<string, string>

/** Reads the manifest written by `npm run build:assets`, mapping logical names to hashed ones. */
export function loadAssetManifest(dir = builtAssetsDir): AssetManifest {
  const file = path.join(dir, 'manifest.json')
  if (!fs.existsSync(file)) throw new Error(`No asset manifest at ${file}: run "npm run build" first`)
  return JSON.parse(fs.readFileSync(file, 'utf8')) as AssetManifest
}

export function assetUrlFor(manifest: AssetManifest) {
  return (logicalName: string): string => {
    const hashed = manifest[logicalName]
    if (!hashed) throw new Error(`Unknown asset: ${logicalName}`)
    return `${ASSET_PREFIX}/${hashed}`
  }
}

/** Hashed file names never change content, so browsers may keep them for a year. */
export function setUpStaticAssets(): Router {
  const router = Router()
  router.use(
    ASSET_PREFIX,
    express.static(builtAssetsDir, {
      index: false,
      fallthrough: true,
      setHeaders: (res) => res.setHeader('Cache-Control', `public, max-age=${ONE_YEAR_SECONDS}, immutable`),
    }),
  )
  return router
}
