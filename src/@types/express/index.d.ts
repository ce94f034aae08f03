import 'express-session'
import type { User } from '../../admin/users/types'
import type { Logger } from '../../logger'
import type { AdminConsultation } from '../../consultations/admin-types'
import type { ConsultationSurvey } from '../../results/service'
import type { SurveyContext } from '../../surveys/service'

declare module 'express-session' {
  interface SessionData {
    /**
     * The signed-in officer; times are epoch milliseconds, for the idle and absolute timeouts, and
     * the account's session generation when this session signed in (see User.sessionGeneration).
     */
    officer?: { userId: number; signedInAt: number; lastSeenAt: number; generation: number }
    /** Password checked, waiting for the authenticator code. */
    pendingSignIn?: { userId: number; at: number; generation: number }
    /** A new authenticator secret being set up, until the officer confirms a code. */
    pendingTotpSecret?: string
    /** Shown once on the next page, then removed. */
    flash?: { heading?: string; text: string }
  }
}

declare global {
  namespace Express {
    interface Request {
      /** The request's logger (src/middleware/request-logging.ts); absent before that middleware has run. */
      log?: Logger
    }

    interface Locals {
      csrfToken?: string
      currentPath: string
      pageTitle?: string
      officer?: User
      adminNav?: { href: string; text: string; active: boolean }[]
      flash?: { heading?: string; text: string }
      /** Set by the admin loader of :id or :slug. */
      consultation?: AdminConsultation
      /** Set by the admin loader of :slug: the consultation with its survey, for results, codes and exports. */
      consultationSurvey?: ConsultationSurvey
      /** Why an uploaded file was refused before its route ran (too large). */
      uploadError?: string
      /** Set by the public survey's :slug loader. */
      surveyContext?: SurveyContext
    }
  }
}

export {}
