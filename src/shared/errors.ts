/** Thrown anywhere a route's record does not exist; the error handler renders the 404 page. */
export class NotFoundError extends Error {
  readonly status = 404
  constructor(what = 'page') {
    super(`Not found: ${what}`)
    this.name = 'NotFoundError'
  }
}
