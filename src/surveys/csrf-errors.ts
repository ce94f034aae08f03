import type { ErrorRequestHandler } from 'express'
import { isCsrfError } from '../middleware/errors'

const SURVEY_PATH = /^\/consultations\/([a-z0-9]+(?:-[a-z0-9]+)*)\/survey(?:\/|$)/

/**
 * A survey form sent after the session expired fails the CSRF check because its token went with the
 * session. The resident is told their answers have gone and offered a fresh start, not a bare refusal.
 */
export const surveySessionExpiredHandler: ErrorRequestHandler = (err, req, res, next) => {
  const match = SURVEY_PATH.exec(req.path)
  // An error can get here before the session and logging middleware have run, whatever the types say.
  const session = req.session as typeof req.session | undefined
  const log = req.log
  const hasJourney = Object.keys(session?.surveyJourneys ?? {}).length > 0
  if (!isCsrfError(err) || !match || hasJourney) {
    next(err)
    return
  }
  log?.warn('survey form sent without a live session')
  res.status(403).render('surveys/expired', { startUrl: `/consultations/${match[1]}/survey` })
}
