import { z } from 'zod'

const DEV_SESSION_SECRET = 'development-only-session-secret-change-me-please'

const booleanFromEnv = z.enum(['true', 'false', '1', '0']).transform((value) => value === 'true' || value === '1')

const proxyAddress = z.union([
  z.enum(['loopback', 'linklocal', 'uniquelocal']),
  z.ipv4(),
  z.ipv6(),
  z.cidrv4(),
  z.cidrv6(),
])

/**
 * Which X-Forwarded-For hops to believe, passed to Express's `trust proxy`: 0 (or false) when the app is
 * reached directly, a hop count, or the proxies' addresses and subnets. `true` (believe anyone) is refused.
 */
const trustProxySchema = z.union(
  [
    z.literal('false').transform(() => 0),
    z.string().regex(/^\d+$/).transform(Number),
    z
      .string()
      .transform((list) => list.split(',').map((entry) => entry.trim()))
      .pipe(z.array(proxyAddress).min(1)),
  ],
  {
    error:
      "TRUST_PROXY must be 0 (reached directly), a number of proxies, or the proxies' addresses or subnets, " +
      'comma-separated (loopback, linklocal and uniquelocal name the private ranges)',
  },
)

const NOTIFY_TEMPLATE_VARIABLES = [
  'NOTIFY_TEMPLATE_OUTCOME',
  'NOTIFY_TEMPLATE_ALERT_CONFIRMATION',
  'NOTIFY_TEMPLATE_NEW_CONSULTATION',
  'NOTIFY_TEMPLATE_WEEKLY_DIGEST',
  'NOTIFY_TEMPLATE_CLOSING_REMINDER',
  'NOTIFY_TEMPLATE_RESUME_LINK',
  'NOTIFY_TEMPLATE_ANSWERS_COPY',
  'NOTIFY_TEMPLATE_OFFICER_OPEN_CLOSE',
  'NOTIFY_TEMPLATE_OFFICER_MILESTONE',
  'NOTIFY_TEMPLATE_OFFICER_FEEDBACK_DUE',
  'NOTIFY_TEMPLATE_OFFICER_DAILY_SUMMARY',
] as const

export const configSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    HOST: z.string().min(1).default('0.0.0.0'),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    BASE_URL: z.url().optional(),
    DATABASE_URL: z.string().min(1).optional(),
    DATA_DIR: z.string().min(1).default('./data'),
    DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
    DATABASE_EXPORT_POOL_MAX: z.coerce.number().int().min(1).max(50).default(2),
    DATABASE_ACQUIRE_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(1_500),
    DATABASE_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(100).max(3_600_000).default(30_000),
    EXPORT_STALL_TIMEOUT_MS: z.coerce.number().int().min(100).max(3_600_000).default(60_000),
    SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).max(600_000).default(30_000),
    PAGE_CACHE_MAX_MB: z.coerce.number().int().min(0).max(4096).default(64),
    SITE_NAME: z.string().min(1).default('Consultation Hub'),
    COUNCIL_NAME: z.string().min(1).default('Leicester City Council'),
    SESSION_SECRET: z.string().min(32).default(DEV_SESSION_SECRET),
    TRUST_PROXY: trustProxySchema.optional(),
    SECURE_COOKIES: booleanFromEnv.optional(),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    SMTP_URL: z.url({ protocol: /^smtps?$/, error: 'SMTP_URL must be an smtp:// or smtps:// URL' }).optional(),
    MAIL_FROM: z.string().min(3).max(200).optional(),
    NOTIFY_API_KEY: z
      .string()
      .regex(/-[0-9a-f-]{36}-[0-9a-f-]{36}$/, 'NOTIFY_API_KEY must be a GOV.UK Notify API key: name-service id-secret')
      .optional(),
    NOTIFY_BASE_URL: z.url().optional(),
    NOTIFY_TEMPLATE_OUTCOME: z.uuid().optional(),
    NOTIFY_TEMPLATE_ALERT_CONFIRMATION: z.uuid().optional(),
    NOTIFY_TEMPLATE_NEW_CONSULTATION: z.uuid().optional(),
    NOTIFY_TEMPLATE_WEEKLY_DIGEST: z.uuid().optional(),
    NOTIFY_TEMPLATE_CLOSING_REMINDER: z.uuid().optional(),
    NOTIFY_TEMPLATE_RESUME_LINK: z.uuid().optional(),
    NOTIFY_TEMPLATE_ANSWERS_COPY: z.uuid().optional(),
    NOTIFY_TEMPLATE_OFFICER_OPEN_CLOSE: z.uuid().optional(),
    NOTIFY_TEMPLATE_OFFICER_MILESTONE: z.uuid().optional(),
    NOTIFY_TEMPLATE_OFFICER_FEEDBACK_DUE: z.uuid().optional(),
    NOTIFY_TEMPLATE_OFFICER_DAILY_SUMMARY: z.uuid().optional(),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV === 'production' && env.SESSION_SECRET === DEV_SESSION_SECRET) {
      ctx.addIssue({ code: 'custom', path: ['SESSION_SECRET'], message: 'SESSION_SECRET must be set in production' })
    }
    if (env.NODE_ENV === 'production' && env.BASE_URL === undefined) {
      const message =
        "BASE_URL must be set in production: the site's public address, such as https://consult.example.gov.uk"
      ctx.addIssue({ code: 'custom', path: ['BASE_URL'], message })
    }
    if (env.NODE_ENV === 'production' && env.TRUST_PROXY === undefined) {
      const message = 'TRUST_PROXY must be set in production: 0 when reached directly, else the proxies in front'
      ctx.addIssue({ code: 'custom', path: ['TRUST_PROXY'], message })
    }
    if (env.NODE_ENV === 'production' && env.SECURE_COOKIES === false) {
      const message = 'SECURE_COOKIES cannot be false in production: serve the site over HTTPS'
      ctx.addIssue({ code: 'custom', path: ['SECURE_COOKIES'], message })
    }
  })
  .superRefine((env, ctx) => {
    if (env.NOTIFY_API_KEY === undefined) return
    for (const name of NOTIFY_TEMPLATE_VARIABLES) {
      if (env[name] === undefined) {
        ctx.addIssue({ code: 'custom', path: [name], message: `${name} must be set when NOTIFY_API_KEY is` })
      }
    }
  })
  .transform((env) => ({
    env: env.NODE_ENV,
    isProduction: env.NODE_ENV === 'production',
    host: env.HOST,
    port: env.PORT,
    /** With no BASE_URL, links point at the port the server listens on, on this machine. */
    baseUrl: (env.BASE_URL ?? `http://localhost:${env.PORT}`).replace(/\/$/, ''),
    database: env.DATABASE_URL
      ? ({
          kind: 'postgres',
          url: env.DATABASE_URL,
          pool: {
            max: env.DATABASE_POOL_MAX,
            acquireTimeoutMs: env.DATABASE_ACQUIRE_TIMEOUT_MS,
            statementTimeoutMs: env.DATABASE_STATEMENT_TIMEOUT_MS,
          },
          exportPoolMax: env.DATABASE_EXPORT_POOL_MAX,
        } as const)
      : ({ kind: 'pglite', dataDir: env.DATA_DIR } as const),
    /** An export whose reader has taken nothing for this long is abandoned, and its connection freed. */
    exportStallTimeoutMs: env.EXPORT_STALL_TIMEOUT_MS,
    /** How long a SIGTERM waits for requests in flight (downloads, submissions) before exiting. */
    shutdownGraceMs: env.SHUTDOWN_GRACE_MS,
    /** Memory each instance gives to rendered public pages; 0 turns the page cache off. */
    pageCacheMaxBytes: env.PAGE_CACHE_MAX_MB * 1024 * 1024,
    siteName: env.SITE_NAME,
    councilName: env.COUNCIL_NAME,
    session: {
      secret: env.SESSION_SECRET,
      secureCookies: env.NODE_ENV === 'production' || env.SECURE_COOKIES === true,
    },
    trustProxy: env.TRUST_PROXY ?? 0,
    logLevel: env.LOG_LEVEL,
    /** Our own SMTP server: it sends the outbox's emails when Notify is not configured. */
    mail: env.SMTP_URL
      ? {
          smtpUrl: env.SMTP_URL,
          from: env.MAIL_FROM ?? `${env.SITE_NAME} <no-reply@${new URL(env.BASE_URL ?? 'http://localhost').hostname}>`,
        }
      : null,
    /** GOV.UK Notify, when its API key is set: it then sends the outbox's emails instead of SMTP. */
    notify: env.NOTIFY_API_KEY
      ? {
          apiKey: env.NOTIFY_API_KEY,
          baseUrl: env.NOTIFY_BASE_URL ?? 'https://api.notifications.service.gov.uk',
          templates: {
            outcome: env.NOTIFY_TEMPLATE_OUTCOME ?? '',
            'alert-confirmation': env.NOTIFY_TEMPLATE_ALERT_CONFIRMATION ?? '',
            'new-consultation': env.NOTIFY_TEMPLATE_NEW_CONSULTATION ?? '',
            'weekly-digest': env.NOTIFY_TEMPLATE_WEEKLY_DIGEST ?? '',
            'closing-reminder': env.NOTIFY_TEMPLATE_CLOSING_REMINDER ?? '',
            'resume-link': env.NOTIFY_TEMPLATE_RESUME_LINK ?? '',
            'answers-copy': env.NOTIFY_TEMPLATE_ANSWERS_COPY ?? '',
            'officer-open-close': env.NOTIFY_TEMPLATE_OFFICER_OPEN_CLOSE ?? '',
            'officer-milestone': env.NOTIFY_TEMPLATE_OFFICER_MILESTONE ?? '',
            'officer-feedback-due': env.NOTIFY_TEMPLATE_OFFICER_FEEDBACK_DUE ?? '',
            'officer-daily-summary': env.NOTIFY_TEMPLATE_OFFICER_DAILY_SUMMARY ?? '',
          },
        }
      : null,
  }))

export type Config = z.infer<typeof configSchema>
export type DatabaseConfig = Config['database']
export type MailConfig = NonNullable<Config['mail']>
export type NotifyConfig = NonNullable<Config['notify']>

/** Parses the environment once; a bad setting stops start-up with a message naming it. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // An empty variable means "not set", as in `DATABASE_URL= npm start`.
  const setVariables = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''))
  const parsed = configSchema.safeParse(setVariables)
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`)
    throw new Error(`Invalid configuration:\n${problems.join('\n')}`)
  }
  return parsed.data
}
