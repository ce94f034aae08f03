import { endOfLondonDay, startOfLondonDay } from '../../src/shared/dates'
import type { NewConsultation } from '../../src/consultations/types'
import { ALL_AREAS, AUDIENCE_NAMES, TOPIC_NAMES, slugsOf } from './taxonomy'

const opensAt = startOfLondonDay('2023-06-05')

/** Reproduces Leicester City Council's 2023 "Leicester's Drug Strategy Consultation" page. */
export const leicesterDrugStrategy2023: NewConsultation = {
  slug: 'leicesters-drug-strategy-consultation',
  title: "Leicester's Drug Strategy Consultation",
  summary: 'We would like to hear your views on the new Leicester Drug Strategy 2023-2027.',
  opensAt,
  closesAt: endOfLondonDay('2023-07-02'),
  publishedAt: opensAt,
  contact: { name: null, email: null, phone: null, address: null },
  sections: [
    {
      heading: null,
      bodyMarkdown: [
        'This strategy aims to improve prevention, treatment, recovery and harm-reduction whilst prioritising ' +
          'partnership in terms of the causes and consequence of drug use. It celebrates the successes we have ' +
          'already achieved, highlights the current work that is being performed whilst outlining the priorities for ' +
          'the next five years to improve the drug use outcomes for residents in Leicester. All priorities for this ' +
          'strategy are taken from the Drugs and Alcohol Needs Assessment 2022 and aligned to the LLR Combating ' +
          'Drugs Partnership priorities.',
        '',
        'Furthermore, this strategy aims to adapt and respond to the changing national and local context. In ' +
          'December 2021, the government published the ten-year drug strategy “From Harm to Hope” which sets out how ' +
          'this government will combat illegal drug use to cut crime and save lives.',
      ].join('\n'),
    },
    {
      heading: 'Have your say',
      bodyMarkdown: [
        'We want to hear from anybody impacted by drugs to help shape future services, including:',
        '',
        '- individuals that have experience of drug treatment and recovery services.',
        '- family and friends of individuals that have been impacted by drugs.',
        '- practitioners working with individuals that have a drug support need.',
        '',
        'Please read the draft strategy and tell us your views by completing the survey. Following the end of the ' +
          'consultation, a report will be produced summarising the feedback received. This feedback will be used to ' +
          'help finalise the strategy.',
        '',
        'Please click the link below to view and comment on the drug strategy document.',
      ].join('\n'),
    },
  ],
  links: [],
  termSlugs: {
    wards: slugsOf([ALL_AREAS]),
    audiences: slugsOf(AUDIENCE_NAMES),
    topics: slugsOf(TOPIC_NAMES),
  },
  feedback: null,
}
