import { ADMIN_FUZZ_ROUTES, isConsultationAdminRoute } from './routes'
import { fuzzEach, useFuzzApp } from './suite'

fuzzEach(
  'fuzzing every POST route of a consultation’s admin pages with hostile forms',
  ADMIN_FUZZ_ROUTES.filter(isConsultationAdminRoute),
  useFuzzApp(),
)
