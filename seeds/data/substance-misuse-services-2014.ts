import { endOfLondonDay, startOfLondonDay } from '../../src/shared/dates'
import type { NewConsultation } from '../../src/consultations/types'
import { slugsOf } from './taxonomy'

const opensAt = startOfLondonDay('2014-11-04')
const feedbackUpdated = startOfLondonDay('2015-03-19')

/** Reproduces Leicester City Council's 2014 "Substance misuse services" consultation page. */
export const substanceMisuseServices2014: NewConsultation = {
  slug: 'substance-misuse-services',
  title: 'Substance misuse services',
  summary:
    'We are consulting about the future arrangements for substance misuse services in Leicester. These services ' +
    'provide specialist help to people with drug and alcohol problems including psycho social support and medical ' +
    'interventions.',
  opensAt,
  closesAt: endOfLondonDay('2014-12-29'),
  publishedAt: opensAt,
  contact: { name: null, email: null, phone: null, address: null },
  sections: [
    {
      heading: null,
      bodyMarkdown: [
        'There are currently four different services in Leicester:',
        '',
        '- one for young people (under 18)',
        '- one which specifically provides housing-related support',
        '- two for adults (including one for people in the criminal justice system which serves Leicester Prison ' +
          'and the Leicester, Leicestershire and Rutland region).',
      ].join('\n'),
    },
    {
      heading: 'Why your views matter',
      bodyMarkdown:
        'Contracts relating to substance misuse services are due to finish in June 2016. There will also be future ' +
        'budgetary pressures and changes in the way services are commissioned. In order to have the right services ' +
        'in place by then, we would like to hear your views and comments on substance misuse services. We plan to ' +
        'carry out a further consultation in summer 2015 which will provide more detailed proposals based on ' +
        'feedback from this consultation.',
    },
    {
      heading: 'What is being asked?',
      bodyMarkdown: [
        'There are six areas we are interested in hearing views on and we have included specific questions. Three ' +
          'questions are about how the services are organised and the remaining three about specific areas of need. ' +
          'We would also like to hear any other thoughts you may have on the organisation of substance misuse ' +
          'services.',
        '',
        'The specific areas are:',
        '',
        '- Having one service in Leicester',
        '- Organising all services across Leicester, Leicestershire and Rutland as one service',
        '- Keeping services in HMP Leicester as part of the overall service',
        '- Having a designated young adults service as part of an adult service',
        '- New and emerging drugs',
        '- Meeting the needs of Leicester’s diverse population.',
      ].join('\n'),
    },
    {
      heading: 'What other information is relevant to this consultation?',
      bodyMarkdown: [
        'There is uncertainty about future funding for substance misuse services:',
        '',
        '- The city council is undertaking a spending review in response to reductions on our budget and is ' +
          'exploring whether £1m could be saved from the overall substance misuse budget of £8.3m.',
        '- Leicestershire and Rutland councils may choose to commission their services separately from the city in ' +
          'July 2016',
        '- NHS England (which holds the budget for prison services) may commission services as part of general ' +
          'health services in prison - and not as specialist substance misuse services.',
      ].join('\n'),
    },
  ],
  links: [],
  termSlugs: {
    wards: slugsOf([
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
      'Rushey Mead',
      'Saffron',
      'Spinney Hills',
      'Stoneygate',
      'Thurncourt',
      'Westcotes',
    ]),
    audiences: slugsOf([
      'Carers',
      'Voluntary organisations',
      'Community organisations',
      'Drug and Alcohol services',
      'Health services',
      'Service users',
    ]),
    topics: slugsOf(['Adult social care']),
  },
  feedback: {
    weAsked:
      'An 8-week consultation over November to December 2014 focusing mainly on how services might be configured ' +
      'across commissioning and local authority boundaries, but without specific proposals. The questions were ' +
      'about having one contract, about one service for Leicester, Leicestershire and Rutland, about keeping ' +
      'specialist substance misuse services in H.M.P Leicester as part of community based substance misuse ' +
      'services, and about a specialised service for 18-24 year olds. There were also two open ended questions ' +
      'about how services could best meet the needs of Leicester’s diverse communities and respond to novel ' +
      'psychoactive services (NPS)/legal highs. The background to this includes the current spending review, ' +
      'possible change to commissioning intentions from partners in Leicestershire/Rutland and NHS England ( for ' +
      'work in Leicester Prison). The outcome of this consultation would not directly lead to any decision on ' +
      'these matters but would help our planning for and understanding of substance misuse issues.',
    youSaid:
      'In total 115 individual questionnaire responses were received .The Prison question received most support: ' +
      '72% of respondents either agreed or strongly agreed. Support for 2 other organisational issues areas-one ' +
      'contract for all services and a Leicester, Leicestershire and Rutland (LLR) organised service-was less ' +
      'clear. Although more respondents were in favour of an LLR service than not (49% to 37%) there was no ' +
      'majority in agreement. This was more so the case for the one contract question where 52% either disagreed ' +
      'or strongly disagreed, yet there was a sizeable minority in favour-42%. Overall there was agreement for a ' +
      'specialised service for 18-24 year olds. A range of comments were also made in response to questions around ' +
      'diversity and NPS.',
    weDid:
      'No decision has yet been made about the future shape of substance misuse services in Leicester. The ' +
      'responses and comments from the consultation have been analysed and will help us develop a model which will ' +
      'be subject to consultation over the summer. The consultation findings will also help us in discussion with ' +
      'Leicestershire and Rutland Councils and NHS England. Further work on the development of commissioning plans ' +
      'and options includes: -Engagement and discussion with key stakeholders such as users, carers and staff ' +
      'around the findings of the consultation and needs analysis. -Further analysis of local need and trends ' +
      'around drug and alcohol use -Analysis of what the market has to offer both locally and nationally. -Further ' +
      'consultation over May/June on specific proposals.',
    publishedAt: feedbackUpdated,
    feedbackUpdatedAt: feedbackUpdated,
    resultsUpdatedAt: feedbackUpdated,
  },
}
