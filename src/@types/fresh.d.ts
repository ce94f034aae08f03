declare module 'fresh' {
  /** Whether a client's cached copy, as its request headers describe it, is still good for a response's. */
  function fresh(
    requestHeaders: Record<string, string | string[] | undefined>,
    responseHeaders: { etag?: string; 'last-modified'?: string },
  ): boolean
  export = fresh
}
