import nunjucks from 'nunjucks'

/**
 * Finds templates in the views and govuk-frontend folders, as nunjucks's own loader does, but works out a
 * relative name (govuk-frontend's macros include "./template.njk" on every call) once rather than each time.
 */
export class ViewLoader extends nunjucks.FileSystemLoader {
  private readonly resolved = new Map<string, string>()

  override resolve(from: string, to: string): string {
    const key = `${from}\n${to}`
    let found = this.resolved.get(key)
    if (found === undefined) {
      found = super.resolve(from, to)
      this.resolved.set(key, found)
    }
    return found
  }
}
