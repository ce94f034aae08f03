import { slugify } from '../../src/shared/slug'
import type { NewTerm } from '../../src/taxonomies/repository'

export const ALL_AREAS = 'All Areas'

/** Leicester's 21 wards: the 17 on the 2014 page plus North Evington, Troon, Western and Wycliffe. */
export const WARD_NAMES = [
  'Abbey',
  'Aylestone',
  'Beaumont Leys',
  'Belgrave',
  'Braunstone Park & Rowley Fields',
  'Castle',
  'Evington',
  'Eyres Monsell',
  'Fosse',
  'Humberstone & Hamilton',
  'Knighton',
  'North Evington',
  'Rushey Mead',
  'Saffron',
  'Spinney Hills',
  'Stoneygate',
  'Thurncourt',
  'Troon',
  'Western',
  'Westcotes',
  'Wycliffe',
]

/** The audiences listed on the Drug Strategy 2023 page, in its order, de-duplicated. */
export const AUDIENCE_NAMES = dedupe([
  'Children and young people', 'Working-age people', 'Older people', 'All residents', 'Carers',
  'Full-time and part-time workers', 'Disabled people', 'Gypsy and Traveller community', 'Local businesses',
  'Local schools', 'Local charitable organisations, including faith communities', 'Households within the scheme boundary',
  'School governors', 'Apprenticeship Hub Graduation attendees', 'Parents', 'Volunteers', 'Landowners',
  'Taxi / private hire drivers', 'Women', 'Customers / service users', 'Personal assistants', 'Licensed premises',
  'Landlords', 'Private tenants', 'Leicester City Council tenants', 'Visitors', 'Young people', 'Older households (65+)',
  'Single people', 'Families with children', 'Couples', 'All households', 'Faith groups', 'Sports clubs', 'Youth clubs',
  "Carers' network", 'Trade unions', 'Voluntary organisations', 'Community organisations', 'Self-help groups',
  'User groups', 'Third sector infrastructure groups', 'All Voluntary and Community Organisations',
  'Advocacy organisation', 'Drug and Alcohol services', 'Health services',
  'Early years providers (child minders, nurseries, etc)', 'Taxi operators', 'Police', 'NHS', 'FE colleges',
  'Universities', 'Schools', 'Businesses', 'All Public and Private Organisations', 'Service providers',
  'Partner agencies', 'Directors', 'Heads of service', 'Managers, team leaders and supervisors', 'Professionals',
  'All staff', 'SCE staff', 'Early Help staff', "Children's services", 'Arts and museums staff',
  "Children's, Young People and Families staff", 'Education welfare service staff', 'Youth offending service staff',
  'Connexions staff', 'Local Authority staff within Leicester, Leicestershire and Rutland', 'Procurement staff',
  'Estates and building services staff', 'Neighbourhood services staff', 'Youth service staff', 'Highways staff',
  'Social care and education staff', 'Public Health', 'Housing staff', 'Relevant staff',
  'Children and young people justice service volunteers', 'Personal assistants', 'Councillors', 'Workshop attendees',
  'Service users', 'Care home residents and their next of kin', 'Allotment holders', 'Walking groups',
  'Taxi / HCV / PHV drivers', 'Road users', 'Bus users', 'Support providers', 'Floating support providers', 'Landlords',
])

/** The interests listed on the Drug Strategy 2023 page: our topics. */
export const TOPIC_NAMES = dedupe([
  'Adult social care and safeguarding', 'Housing', 'Public health', 'Revenues and Benefits', 'Adult social care',
  'Schools', "Children's social care and safeguarding", 'Services for young people',
  'Services for younger children and families', "Education and children's services",
  'Children, young people and families', 'Planning', 'Highways', 'Climate change', 'Parks and green spaces',
  'Refuse collection and disposal', 'Environmental health', 'Allotments', 'Neighbourhood services', 'Arts and museums',
  'Public participation', 'Sports', 'Community safety', 'Volunteering and the third sector', 'Community cohesion',
  'City development and neighbourhoods', 'Libraries', 'Community centres', 'Adult learning', 'Local government',
  'Festivals and events', 'Public transport', 'Cycling', 'Travel concessions', 'Transport', 'Parking', 'Walking',
  'Taxis / private hire vehicles', 'Tackling worklessness', 'City centre', 'Business and enterprise', 'Tourism',
  'Skills', 'Employment and skills', 'HR & Workforce Development', 'Health & Safety', 'Finance', 'Corporate resources',
  'Registration Service', 'Equality', 'Cemeteries', 'Burial',
])

function dedupe(names: string[]): string[] {
  return [...new Set(names)]
}

export const toTerms = (names: string[]): NewTerm[] => names.map((name) => ({ slug: slugify(name), name }))

export const wardTerms = (): NewTerm[] => [
  { slug: slugify(ALL_AREAS), name: ALL_AREAS, coversAllAreas: true },
  ...toTerms(WARD_NAMES),
]

export const slugsOf = (names: string[]): string[] => names.map(slugify)
