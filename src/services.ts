import type { Knex } from 'knex'
import { createFinderRepository } from './consultations/finder-repository'
import { createFinderService } from './consultations/finder-service'
import { createEventRepository } from './events/repository'
import { createEventService } from './events/service'
import { createHealthService } from './health/service'
import { createAuthService } from './admin/auth/service'
import { createSettingsRepository } from './admin/settings'
import { createUserRepository } from './admin/users/repository'
import { createUserService } from './admin/users/service'
import type { PasswordHashing } from './admin/auth/passwords'
import { createSetupTokenRepository } from './admin/setup/repository'
import { createSetupService } from './admin/setup/service'
import { createAuditRepository } from './audit/repository'
import { createAuditService } from './audit/service'
import { createResponseAdminRepository } from './admin/responses/repository'
import { createResponseAdminService } from './admin/responses/service'
import { createSurveyBuilderRepository } from './admin/surveys/builder-repository'
import { createSurveyBuilderService } from './admin/surveys/builder-service'
import { createConsultationAdminRepository } from './consultations/admin-repository'
import { createConsultationRepository } from './consultations/repository'
import { createConsultationService } from './consultations/service'
import { createFeedbackRepository } from './feedback/repository'
import { createFeedbackService } from './feedback/service'
import { createRateLimitRepository } from './rate-limit/repository'
import { createBackoffRepository } from './rate-limit/backoff-repository'
import { createSignInBackoff } from './admin/auth/sign-in-backoff'
import { createRateLimiter, removeEndedCounters } from './rate-limit/service'
import { createResponseRepository } from './responses/repository'
import { createChoiceLayoutRepository } from './surveys/choice-layout-repository'
import { createDraftRepository } from './surveys/drafts-repository'
import { createSurveyRepository } from './surveys/repository'
import { createSurveyService, type SurveyContext } from './surveys/service'
import { createSurveyEmailService } from './surveys/email-service'
import { answersCopyContent } from './surveys/emails'
import { createResponseLimits } from './surveys/response-limits'
import { createCodingRepository } from './coding/repository'
import { createCodingService } from './coding/service'
import { createExportRepository } from './exports/repository'
import { createExportService } from './exports/service'
import { createPurgeRepository } from './privacy/purge-repository'
import { createPurgeService } from './privacy/purge-service'
import { createPublishingRepository } from './results/publishing-repository'
import { createPublishingService } from './results/publishing'
import { createResultsRepository } from './results/repository'
import { createResultsCacheRepository } from './results/cache-repository'
import { createResultsService } from './results/service'
import { createPublishedResponseRepository } from './published-responses/repository'
import { createPublishedResponseService } from './published-responses/service'
import { createTaxonomyRepository } from './taxonomies/repository'
import { createTaxonomyService } from './taxonomies/service'
import { createSessionRepository } from './sessions/repository'
import { createSessionService } from './sessions/service'
import { createDashboardRepository } from './admin/dashboard/repository'
import { createDashboardService } from './admin/dashboard/service'
import { createSitePageService } from './pages/service'
import { createOutboxRepository } from './notifications/outbox-repository'
import { createOutboxService } from './notifications/outbox-service'
import type { EmailProvider } from './notifications/providers'
import { createOutcomeRepository } from './notifications/outcome-repository'
import { createAlertRepository } from './notifications/alert-repository'
import { createAlertService } from './notifications/alert-service'
import { createNotificationReportRepository } from './notifications/report-repository'
import { createOutcomeService, type EmailSite } from './notifications/outcome-service'
import { createOfficerRepository } from './notifications/officer-repository'
import { createOfficerNotificationService } from './notifications/officer-service'
import { createReminderRepository } from './notifications/reminder-repository'
import { createReminderService } from './notifications/reminder-service'
import { createPageCacheRepository } from './page-cache/repository'
import { createPageCacheService } from './page-cache/service'
import { createContentFreshness } from './page-cache/freshness'
import { createKeptReads } from './page-cache/kept-reads'

export interface ServiceOptions {
  now?: () => Date
  siteName?: string
  /** Where exports read from (see openDatabases); the main pool unless given. */
  exportDb?: Knex
  /** Sends the outbox's emails (alerts, outcomes); none when neither Notify nor SMTP is configured. */
  emailProvider?: EmailProvider | null
  /** What the outbox's emails link to and sign with. */
  emailSite?: EmailSite & { secret: string }
  /** Memory for rendered public pages (src/page-cache); 0 turns the cache off. */
  pageCacheMaxBytes?: number
  /** The cost of the password hashes the user service makes; production's (PASSWORD_HASHING) unless given. */
  passwordHashing?: PasswordHashing
}

const DEFAULT_PAGE_CACHE_BYTES = 64 * 1024 * 1024
/** Survey definitions kept in memory (src/page-cache/kept-reads.ts): more than a council has open at once. */
const SURVEYS_KEPT = 200

const FIFTEEN_MINUTES = 15 * 60 * 1000

/** Wires repositories into services. Every write the app makes goes through one of these. */
export function createServices(
  db: Knex,
  {
    now = () => new Date(),
    siteName = '',
    exportDb = db,
    emailProvider = null,
    emailSite = { baseUrl: 'http://localhost', councilName: siteName, secret: 'development-only-alert-secret' },
    pageCacheMaxBytes = DEFAULT_PAGE_CACHE_BYTES,
    passwordHashing,
  }: ServiceOptions = {},
) {
  const consultations = createConsultationRepository(db)
  const taxonomies = createTaxonomyRepository(db)
  const users = createUserRepository(db)
  const settings = createSettingsRepository(db)
  const rateLimits = createRateLimitRepository(db)
  const auditService = createAuditService(createAuditRepository(db))
  const freshness = createContentFreshness(createPageCacheRepository(db), now)
  const surveysKept = pageCacheMaxBytes > 0 ? SURVEYS_KEPT : 0
  const limiter = (name: string, limit: number) =>
    createRateLimiter(rateLimits, { name, limit, windowMs: FIFTEEN_MINUTES }, now)
  const surveys = createSurveyRepository(db)
  const responses = createResponseRepository(db)
  const drafts = createDraftRepository(db)
  const choiceLayouts = createChoiceLayoutRepository(db)
  const outboxService = createOutboxService({
    outbox: createOutboxRepository(db),
    provider: emailProvider,
    now,
    contentAtSend: { 'answers-copy': answersCopyContent({ responses, surveys, baseUrl: emailSite.baseUrl }) },
  })
  const outcomeService = createOutcomeService({
    outcomes: createOutcomeRepository(db, now),
    outbox: outboxService,
    site: emailSite,
    ipLimiter: limiter('outcome:ip', 20),
    addressLimiter: limiter('outcome:address', 5),
  })
  const alertService = createAlertService({
    db,
    alerts: createAlertRepository(db),
    outbox: outboxService,
    site: emailSite,
    ipLimiter: limiter('alerts:ip', 10),
    addressLimiter: limiter('alerts:address', 3),
    now,
  })
  const officerNotificationService = createOfficerNotificationService({
    db,
    officers: createOfficerRepository(db),
    outbox: outboxService,
    site: emailSite,
    now,
  })
  const reminderService = createReminderService({
    db,
    reminders: createReminderRepository(db),
    outbox: outboxService,
    site: emailSite,
    now,
  })
  const resultsService = createResultsService({
    results: createResultsRepository(db),
    surveys,
    choiceLayouts,
    cache: createResultsCacheRepository(db),
  })
  const publishedResponseService = createPublishedResponseService({
    db,
    published: createPublishedResponseRepository(db),
    surveys,
    audit: auditService,
    now,
  })
  const finderService = createFinderService({ finder: createFinderRepository(db), taxonomies, now })
  return {
    consultationService: createConsultationService({
      db,
      consultations,
      admin: createConsultationAdminRepository(db),
      audit: auditService,
      now,
      onPublish: (trx, consultationId) => alertService.enqueueNewConsultation(trx, consultationId),
    }),
    finderService,
    eventService: createEventService({
      db,
      events: createEventRepository(db),
      finder: finderService,
      audit: auditService,
      now,
    }),
    surveyService: createSurveyService({
      db,
      consultations,
      surveys,
      responses,
      drafts,
      choiceLayouts,
      now,
      keptContexts: createKeptReads<SurveyContext>(freshness, surveysKept),
    }),
    responseLimits: createResponseLimits(rateLimits, now),
    surveyEmailService: createSurveyEmailService({
      db,
      outbox: outboxService,
      councilName: emailSite.councilName,
      sessionLimiter: limiter('survey-email:session', 3),
      ipLimiter: limiter('survey-email:ip', 20),
    }),
    resultsService,
    exportService: createExportService({ exportRepository: createExportRepository(exportDb) }),
    codingService: createCodingService({ db, coding: createCodingRepository(db), audit: auditService }),
    publishingService: createPublishingService({
      db,
      publishing: createPublishingRepository(db),
      resultsService,
      audit: auditService,
      now,
      onPublish: (trx, consultationId) => outcomeService.enqueueFor(trx, consultationId),
    }),
    healthService: createHealthService(db),
    dashboardService: createDashboardService({
      dashboard: createDashboardRepository(db),
      now,
      moderation: publishedResponseService,
    }),
    pageCacheService: createPageCacheService({ freshness, maxBytes: pageCacheMaxBytes }),
    sessionService: createSessionService({ db, sessions: createSessionRepository(db) }),
    purgeService: createPurgeService({
      db,
      purge: createPurgeRepository(db),
      surveys,
      choiceLayouts,
      audit: auditService,
      now,
    }),
    surveyBuilderService: createSurveyBuilderService({
      db,
      surveys,
      builder: createSurveyBuilderRepository(db),
      audit: auditService,
    }),
    responseAdminService: createResponseAdminService({
      db,
      surveys,
      responses,
      admin: createResponseAdminRepository(db),
      audit: auditService,
      now,
    }),
    publishedResponseService,
    taxonomies,
    taxonomyService: createTaxonomyService({ db, taxonomies, audit: auditService, now }),
    feedbackService: createFeedbackService({
      db,
      feedback: createFeedbackRepository(db),
      audit: auditService,
      now,
      onPublish: (trx, consultationId) => outcomeService.enqueueFor(trx, consultationId),
    }),
    auditService,
    userService: createUserService({ db, users, audit: auditService, now, passwordHashing }),
    setupService: createSetupService({
      db,
      setupTokens: createSetupTokenRepository(db),
      users,
      audit: auditService,
      now,
    }),
    sitePageService: createSitePageService({ db, settings, audit: auditService }),
    authService: createAuthService({
      db,
      users,
      settings,
      audit: auditService,
      signInBackoff: createSignInBackoff(createBackoffRepository(db), now),
      totpLimiter: limiter('sign-in:second-factor', 5),
      now,
    }),
    outboxService,
    outcomeService,
    alertService,
    officerNotificationService,
    reminderService,
    notificationReport: createNotificationReportRepository(db),
    rateLimiter: limiter,
    /** Deletes rate-limit counters whose window has ended (a scheduled job). */
    removeEndedRateLimits: () => removeEndedCounters(db, rateLimits, now()),
    now,
  }
}

export type Services = ReturnType<typeof createServices>
