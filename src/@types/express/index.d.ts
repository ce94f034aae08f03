import 'express-session'
import type { User } from '../../admin/users/types'

declare module 'express-session' {
  interface SessionData {
    /** The signed-in officer; times are epoch milliseconds, for the idle and absolute timeouts. */
    officer?: { userId: number; signedInAt: number; lastSeenAt: number }
    /** Password checked, waiting for the authenticator code. */
    pendingSignIn?: { userId: number; at: number }
    /** A new authenticator secret being set up, until the officer confirms a code. */
    pendingTotpSecret?: string
    /** Shown once on the next page, then removed. */
    flash?: { heading?: string; text: string }
  }
}

declare global {
  namespace Express {
    interface Locals {
      csrfToken?: string
      currentPath: string
      pageTitle?: string
      officer?: User
      adminNav?: { href: string; text: string; active: boolean }[]
      flash?: { heading?: string; text: string }
    }
  }
}

export {}
