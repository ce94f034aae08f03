import { z } from 'zod'

const DEV_SESSION_SECRET = 'development-only-session-secret-change-me-please'

const booleanFromEnv = z.enum(['true', 'false', '1', '0']).transform((value) => value === 'true' || value === '1')

export const configSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    HOST: z.string().min(1).default('0.0.0.0'),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    BASE_URL: z.url().default('http://localhost:3000'),
    DATABASE_URL: z.string().min(1).optional(),
    DATA_DIR: z.string().min(1).default('./data'),
    SITE_NAME: z.string().min(1).default('Consultation Hub'),
    COUNCIL_NAME: z.string().min(1).default('Leicester City Council'),
    SESSION_SECRET: z.string().min(32).default(DEV_SESSION_SECRET),
    TRUST_PROXY: z.coerce.number().int().min(0).default(0),
    SECURE_COOKIES: booleanFromEnv.optional(),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    SMTP_URL: z.url({ protocol: /^smtps?$/, error: 'SMTP_URL must be an smtp:// or smtps:// URL' }).optional(),
    MAIL_FROM: z.string().min(3).max(200).optional(),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV === 'production' && env.SESSION_SECRET === DEV_SESSION_SECRET) {
      ctx.addIssue({ code: 'custom', path: ['SESSION_SECRET'], message: 'SESSION_SECRET must be set in production' })
    }
  })
  .transform((env) => ({
    env: env.NODE_ENV,
    isProduction: env.NODE_ENV === 'production',
    host: env.HOST,
    port: env.PORT,
    baseUrl: env.BASE_URL.replace(/\/$/, ''),
    database: env.DATABASE_URL
      ? ({ kind: 'postgres', url: env.DATABASE_URL } as const)
      : ({ kind: 'pglite', dataDir: env.DATA_DIR } as const),
    siteName: env.SITE_NAME,
    councilName: env.COUNCIL_NAME,
    session: {
      secret: env.SESSION_SECRET,
      secureCookies: env.SECURE_COOKIES ?? env.NODE_ENV === 'production',
    },
    trustProxy: env.TRUST_PROXY,
    logLevel: env.LOG_LEVEL,
    /** Emailed copies and resume links are offered only when an SMTP server is configured. */
    mail: env.SMTP_URL
      ? {
          smtpUrl: env.SMTP_URL,
          from: env.MAIL_FROM ?? `${env.SITE_NAME} <no-reply@${new URL(env.BASE_URL).hostname}>`,
        }
      : null,
  }))

export type Config = z.infer<typeof configSchema>
export type DatabaseConfig = Config['database']
export type MailConfig = NonNullable<Config['mail']>

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
