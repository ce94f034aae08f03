import fs from 'node:fs'
import path from 'node:path'

/** The folder holding package.json, whether running from src/ with tsx or from compiled dist/. */
function findProjectRoot(start: string): string {
  let dir = start
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir)
    if (parent === dir) throw new Error(`No package.json above ${start}`)
    dir = parent
  }
  return dir
}

export const projectRoot = findProjectRoot(__dirname)
export const viewsDir = path.join(projectRoot, 'views')
export const publicDir = path.join(projectRoot, 'public')
export const builtAssetsDir = path.join(publicDir, 'dist')
export const govukFrontendDir = path.join(projectRoot, 'node_modules', 'govuk-frontend', 'dist')
