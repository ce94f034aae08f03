/** The seeded consultations each finder filter and combination should find, shared by the page and API tests. */
export const SUBSTANCE = 'Substance misuse services'
export const DRUGS = "Leicester's Drug Strategy Consultation"
export const PARKS = 'Sample consultation: parks and green spaces'

/** Each filter and combination, with exactly the seeded consultations it should find. */
export const FILTER_CASES: [query: string, expected: string[]][] = [
  ['', [SUBSTANCE, DRUGS, PARKS]],
  ['status=open', [PARKS]],
  ['status=closed', [SUBSTANCE, DRUGS]],
  ['status=forthcoming', []],
  ['status=open&status=closed', [SUBSTANCE, DRUGS, PARKS]],
  ['ward=abbey', [SUBSTANCE, DRUGS, PARKS]],
  ['ward=abbey&status=open', [PARKS]],
  ['ward=abbey&status=closed', [SUBSTANCE, DRUGS]],
  ['ward=troon', [DRUGS]],
  ['ward=all-areas', [DRUGS]],
  ['ward=braunstone-park-and-rowley-fields', [SUBSTANCE, DRUGS]],
  ['ward=troon&ward=castle', [SUBSTANCE, DRUGS, PARKS]],
  ['ward=north-evington&ward=troon', [DRUGS]],
  ['audience=carers', [SUBSTANCE, DRUGS]],
  ['audience=families-with-children', [DRUGS, PARKS]],
  ['audience=carers&audience=families-with-children', [SUBSTANCE, DRUGS, PARKS]],
  ['audience=carers&ward=castle&status=closed', [SUBSTANCE, DRUGS]],
  ['audience=families-with-children&ward=fosse', [DRUGS]],
  ['topic=adult-social-care', [SUBSTANCE, DRUGS]],
  ['topic=parks-and-green-spaces', [DRUGS, PARKS]],
  ['topic=cemeteries', [DRUGS]],
  ['topic=adult-social-care&topic=parks-and-green-spaces&status=open', [PARKS]],
  ['opens_from=2015-01-01', [DRUGS, PARKS]],
  ['opens_to=2014-11-04', [SUBSTANCE]],
  ['opens_to=2014-11-03', []],
  ['opens_from=2014-11-04&opens_to=2023-06-05', [SUBSTANCE, DRUGS]],
  ['opens_from=2014-11-05&opens_to=2023-06-05', [DRUGS]],
  ['closes_to=2023-07-02', [SUBSTANCE, DRUGS]],
  ['closes_from=2023-07-02', [DRUGS, PARKS]],
  ['closes_from=2023-07-03', [PARKS]],
  ['closes_from=2014-12-29&closes_to=2014-12-29', [SUBSTANCE]],
  ['q=prison', [SUBSTANCE]],
  ['q=prison&status=open', []],
  ['q=prison&ward=abbey', [SUBSTANCE]],
  ['q=strategy&ward=troon', [DRUGS]],
  ['q=parks&ward=abbey&audience=all-residents&topic=community-safety&status=open&opens_from=2020-01-01', [PARKS]],
]
