import nunjucks from 'nunjucks'

type Exported = Record<string, unknown>
type ExportedCallback = (err: Error | null, exported: Exported | null) => void
type GetExported = (this: nunjucks.Template, ...args: unknown[]) => void

/** What each template exports when imported without context, worked out once. */
const keptExports = new WeakMap<nunjucks.Template, Exported>()
let kept = false

/**
 * `{% from "…/macro.njk" import govukButton %}` runs the whole imported file again on every render, to define
 * its macros afresh: a survey page imports a dozen such files. Imported without context (the only way the views
 * import), a file's macros depend on nothing but the file and the environment's globals, and rendering is
 * synchronous, so the macros from the first import serve every later one. An import with context still runs
 * the file each time, as its macros may read the importer's variables.
 */
export function keepImportedMacros(): void {
  if (kept) return
  kept = true
  const prototype = nunjucks.Template.prototype as unknown as { getExported: GetExported }
  const runFile = prototype.getExported
  prototype.getExported = function (this: nunjucks.Template, ...args: unknown[]) {
    const [callback] = args
    if (args.length !== 1 || typeof callback !== 'function') return runFile.apply(this, args)
    const done = callback as ExportedCallback
    const exported = keptExports.get(this)
    if (exported) return done(null, exported)
    runFile.call(this, (err: Error | null, fresh: Exported | null) => {
      if (!err && fresh) keptExports.set(this, fresh)
      done(err, fresh)
    })
  }
}
