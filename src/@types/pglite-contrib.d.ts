// pg_trgm for PGlite lives at a package subpath that only the package's "exports" names; Node finds it at
// run time, but TypeScript's "node" module resolution reads no "exports", so its type is declared here.
declare module '@electric-sql/pglite/contrib/pg_trgm' {
  import type { Extension } from '@electric-sql/pglite'
  export const pg_trgm: Extension
}
