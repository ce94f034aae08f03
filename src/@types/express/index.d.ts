import 'express-session'

declare module 'express-session' {
  interface SessionData {
    // Filled in by later features (survey answers, signed-in officer).
    placeholder?: never
  }
}

declare global {
  namespace Express {
    interface Locals {
      csrfToken?: string
      currentPath: string
      pageTitle?: string
    }
  }
}

export {}
