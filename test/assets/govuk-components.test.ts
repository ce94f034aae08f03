import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import { describe, it } from 'node:test'
import { projectRoot } from '../../src/paths'

const componentsDir = path.join(projectRoot, 'node_modules/govuk-frontend/dist/govuk/components')
const read = (file: string) => fs.readFileSync(path.join(projectRoot, file), 'utf8')

function viewFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name)
    return entry.isDirectory() ? viewFiles(full) : entry.name.endsWith('.njk') ? [full] : []
  })
}

/** Every govuk-frontend component whose macro a view imports, and those the page template itself uses. */
function componentsInViews(): string[] {
  const used = new Set(['header', 'footer', 'skip-link', 'service-navigation'])
  for (const file of viewFiles(path.join(projectRoot, 'views'))) {
    for (const match of fs.readFileSync(file, 'utf8').matchAll(/govuk\/components\/([a-z-]+)\/macro\.njk/g))
      used.add(match[1]!)
  }
  return [...used].sort()
}

const pascalCase = (name: string) =>
  name.replace(/(^|-)([a-z])/g, (_match, _dash, letter: string) => letter.toUpperCase())

// The stylesheet and script list govuk-frontend's components one by one, to leave out those no page uses.
describe('govuk-frontend components in the built assets', () => {
  it('styles every component a view uses', () => {
    const styles = read('src/assets/scss/app.scss')
    const missing = componentsInViews().filter((name) => !styles.includes(`/components/${name}"`))
    assert.deepEqual(missing, [], 'add these to src/assets/scss/app.scss')
  })

  it('starts the script of every component a view uses that has one', () => {
    const script = read('src/assets/js/app.ts')
    const scripted = componentsInViews().filter((name) =>
      fs.readFileSync(path.join(componentsDir, name, 'template.njk'), 'utf8').includes('data-module='),
    )
    const missing = scripted.filter((name) => !new RegExp(`\\b${pascalCase(name)},`).test(script))
    assert.deepEqual(missing, [], 'add these to src/assets/js/app.ts')
  })
})
