import { ADMIN_ROUTES } from '../../src/admin/route-table'
import type { Role } from '../../src/admin/users/roles'

/** Who sends a case: an officer of a role, or a public session in some state of its journey. */
export type FuzzSession =
  | Role
  | 'resident' // mid-way through the sample survey
  | 'respondent' // has sent a response and sees its confirmation
  | 'visitor' // on the sign-in page, not signed in
  | 'half-signed-in' // password accepted, the two-factor code still to come
  | 'leaver' // a new session for every case (signing out or setting a password ends it)

export interface FuzzRoute {
  path: string
  /** POST unless said: the searches are GET forms, fuzzed through their query strings. */
  method?: 'get'
  sessions: readonly FuzzSession[]
  /** A page whose post form gives the route's real field names and values (same route parameters). */
  formPage?: string
  /** Field names (and real values) the form page does not show. */
  fields?: Readonly<Record<string, readonly string[]>>
  /** The share of the per-route case count: below 1 for routes that send email or hash passwords. */
  share?: number
  multipart?: boolean
}

const OFFICERS: readonly Role[] = ['analyst', 'editor', 'admin']
const SURVEY = '/consultations/:slug/survey'
const BUILDER = '/admin/consultations/:id/survey'
const CONFIRM = { confirm: ['yes', 'no'] }
const MOVE = { direction: ['up', 'down'] }

/** What each admin POST route's form is, by path; a route with no entry is posted bare (fields still fuzzed). */
const ADMIN_FORMS: Readonly<Record<string, Omit<FuzzRoute, 'path' | 'sessions'>>> = {
  '/admin/account/password': {
    formPage: '/admin/account/password',
    fields: { currentPassword: [], newPassword: [], confirmPassword: [] },
    share: 0.2,
  },
  '/admin/account/two-factor': { formPage: '/admin/account/two-factor', fields: { code: ['123456'] } },
  '/admin/account/notifications': {
    formPage: '/admin/account/notifications',
    fields: { emails: ['officer-open-close', 'officer-daily-summary', 'x'] },
  },
  '/admin/consultations/new': { formPage: '/admin/consultations/new', share: 0.5 },
  '/admin/consultations/:id/edit': { formPage: '/admin/consultations/:id/edit', share: 0.5 },
  '/admin/consultations/:id/documents': {
    formPage: '/admin/consultations/:id/documents',
    fields: { title: ['Minutes'], format: ['', 'easy_read', 'other_language'], language: ['Polish'] },
    multipart: true,
  },
  '/admin/consultations/:id/feedback': { formPage: '/admin/consultations/:id/feedback' },
  '/admin/consultations/:id/events/new': { formPage: '/admin/consultations/:id/events/new' },
  '/admin/consultations/:id/events/:eventId/edit': { formPage: '/admin/consultations/:id/events/:eventId/edit' },
  '/admin/consultations/:id/events/:eventId/delete': { formPage: '/admin/consultations/:id/events/:eventId/delete' },
  [BUILDER]: { formPage: BUILDER },
  [`${BUILDER}/pages/new`]: { formPage: `${BUILDER}/pages/new` },
  [`${BUILDER}/pages/:pageId/edit`]: { formPage: `${BUILDER}/pages/:pageId/edit` },
  [`${BUILDER}/pages/:pageId/move`]: { fields: MOVE },
  [`${BUILDER}/pages/:pageId/delete`]: { formPage: `${BUILDER}/pages/:pageId/delete`, fields: CONFIRM },
  [`${BUILDER}/pages/:pageId/routes`]: { formPage: `${BUILDER}/pages/:pageId/routes` },
  [`${BUILDER}/pages/:pageId/questions/new`]: {
    formPage: `${BUILDER}/pages/:pageId/questions/new?type=multiple_choice`,
    fields: { type: ['short_text', 'long_text', 'single_choice', 'matrix', 'number', 'date', 'consent', 'x'] },
  },
  [`${BUILDER}/questions/:questionId/edit`]: { formPage: `${BUILDER}/questions/:questionId/edit` },
  [`${BUILDER}/questions/:questionId/move`]: { fields: MOVE },
  [`${BUILDER}/questions/:questionId/delete`]: { formPage: `${BUILDER}/questions/:questionId/delete` },
  '/admin/consultations/:id/responses/paper': { formPage: '/admin/consultations/:id/responses/paper', share: 0.5 },
  '/admin/consultations/:id/responses/:responseId/delete': {
    formPage: '/admin/consultations/:id/responses/:responseId/delete',
  },
  '/admin/consultations/:id/moderation/:responseId': { fields: { decision: ['approve', 'reject', 'withdraw'] } },
  '/admin/consultations/:id/moderation/:responseId/redact': { fields: { answer: ['1'], part: ['a name'] } },
  '/admin/taxonomies/:taxonomy': { formPage: '/admin/taxonomies/:taxonomy', fields: { name: ['Castle'] } },
  '/admin/taxonomies/:taxonomy/:termId/rename': { fields: { name: ['Renamed ward'] } },
  '/admin/users/new': { formPage: '/admin/users/new' },
  '/admin/users/:userId/role': { formPage: '/admin/users/:userId' },
  '/admin/settings': { formPage: '/admin/settings', fields: { requireTwoFactor: ['yes', 'no'] } },
  '/admin/pages/accessibility': { formPage: '/admin/pages/accessibility' },
  '/admin/consultations/:slug/results/publish': { formPage: '/admin/consultations/:slug/results/publish' },
  '/admin/consultations/:slug/results/questions/:key/codes': {
    formPage: '/admin/consultations/:slug/results/questions/:key',
    fields: { back: ['?page=2', '?x=%0D%0ALocation:%20http://evil.test', '//evil.test'] },
  },
  '/admin/consultations/:slug/codes': { formPage: '/admin/consultations/:slug/codes' },
}

/** Sign-in, sign-out, the password link and the first admin's set-up link, outside the signed-in route table. */
const SIGN_IN_ROUTES: readonly FuzzRoute[] = [
  { path: '/admin/sign-in', sessions: ['visitor'], formPage: '/admin/sign-in', share: 0.1 },
  {
    path: '/admin/sign-in/two-factor',
    sessions: ['half-signed-in'],
    fields: { code: ['123456', '000000', 'abcd-efgh'] },
    share: 0.1,
  },
  { path: '/admin/sign-out', sessions: ['leaver'], share: 0.1 },
  {
    path: '/admin/set-password/:token',
    sessions: ['leaver'], // setting the password ends the session
    fields: { password: ['orange tractor window 43'], confirmPassword: ['orange tractor window 43'] },
    share: 0.1,
  },
  {
    path: '/admin/setup/:token', // officers exist, so every case is the 404 page and must change nothing
    sessions: ['visitor'],
    fields: { displayName: ['Fuzz Admin'], email: ['fuzz.admin@fuzz.test'], password: [], confirmPassword: [] },
    share: 0.1,
  },
]

/** The resident's survey journey and its emails. */
const SURVEY_ROUTES: readonly FuzzRoute[] = [
  { path: `${SURVEY}/:pageKey`, sessions: ['resident'], fields: { action: ['save', 'continue'] } },
  { path: `${SURVEY}/check`, sessions: ['resident'], fields: { submissionKey: [] } },
  { path: `${SURVEY}/confirmation`, sessions: ['respondent'], fields: { email: ['resident@example.org'] }, share: 0.1 },
  { path: `${SURVEY}/outcome`, sessions: ['respondent'], fields: { email: ['resident@example.org'] }, share: 0.1 },
  {
    path: `${SURVEY}/resume/email`,
    sessions: ['resident'],
    fields: { email: ['resident@example.org'], token: [], pageKey: [], remind: ['yes', 'no'] },
    share: 0.1,
  },
]

/** Email alerts: subscribing (rate-limited, so few cases), confirming and one-click unsubscribing. */
const ALERT_ROUTES: readonly FuzzRoute[] = [
  {
    path: '/alerts/new',
    sessions: ['visitor'],
    formPage: '/alerts/new',
    fields: { email: ['resident@example.org'], frequency: ['immediate', 'weekly'], ward: ['castle'] },
    share: 0.1,
  },
  { path: '/alerts/confirm/:token', sessions: ['visitor'], share: 0.1 },
  {
    path: '/alerts/unsubscribe/:token',
    sessions: ['visitor'],
    fields: { 'List-Unsubscribe': ['One-Click'] },
    share: 0.1,
  },
]

const adminRoute = (path: string): FuzzRoute => ({ path, sessions: OFFICERS, ...ADMIN_FORMS[path] })

/** The public POST routes: the resident's survey, alerts, and signing in. */
export const PUBLIC_FUZZ_ROUTES: readonly FuzzRoute[] = [...SURVEY_ROUTES, ...ALERT_ROUTES, ...SIGN_IN_ROUTES]

/** Every admin POST route; the settings route is last, since requiring two-factor sign-in turns every officer away. */
export const ADMIN_FUZZ_ROUTES: readonly FuzzRoute[] = [
  ...ADMIN_ROUTES.filter((row) => row.method === 'post' && row.path !== '/admin/settings').map((row) =>
    adminRoute(row.path),
  ),
  adminRoute('/admin/settings'),
]

/** Every POST route, public routes first: the admin cases publish, unpublish and delete what the public routes use. */
export const FUZZ_ROUTES: readonly FuzzRoute[] = [...PUBLIC_FUZZ_ROUTES, ...ADMIN_FUZZ_ROUTES]

/** A consultation's own admin pages (its editor, survey builder, responses, results), about half the admin routes. */
export const isConsultationAdminRoute = (route: FuzzRoute): boolean => route.path.startsWith('/admin/consultations/')

const SEARCH_FIELDS = {
  q: ['parks', '"a phrase" or -word', '-'.repeat(33), 'a -b -c -d'],
  status: ['open', 'closed', 'forthcoming'],
  outcome: ['awaiting', 'published'],
  ward: ['castle', 'abbey'],
  audience: ['residents'],
  topic: ['environment'],
  opens_from: ['2023-01-01', '27/3/2023', '2023-02-30'],
  opens_to: ['2027-01-01'],
  closes_from: ['2023-01-01'],
  closes_to: ['31/12/2026'],
  page: ['1', '2', '0', '-1', '100000'],
  pageSize: ['1', '100', '101'],
}

/** The finder, the API and the feed read the same query string: keyword search, filters, dates, pages. */
export const FUZZ_SEARCHES: readonly FuzzRoute[] = ['/consultations', '/api/consultations', '/consultations.atom'].map(
  (path) => ({ path, method: 'get', sessions: ['visitor'], fields: SEARCH_FIELDS, share: 0.25 }),
)
