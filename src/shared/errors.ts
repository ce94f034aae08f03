/** Thrown anywhere a route's record does not exist; the error handler renders the 404 page. */
export class NotFoundError extends Error {
  readonly status = 404
  constructor(what = 'page') {
    super(`Not found: ${what}`)
    this.name = 'NotFoundError'
  }
}

/** An error whose message tells the user what to do: a command prints the message alone, with no stack trace. */
export class ActionableError extends Error {
  override name = 'ActionableError'
}
