import { ADMIN_FUZZ_ROUTES, isConsultationAdminRoute } from './routes'
import { fuzzEach, useFuzzApp } from './suite'

fuzzEach(
  'fuzzing the other admin POST routes (account, users, taxonomies, pages, settings) with hostile forms',
  ADMIN_FUZZ_ROUTES.filter((route) => !isConsultationAdminRoute(route)),
  useFuzzApp(),
)
