import { addLondonDays, endOfLondonDay, startOfLondonDay } from '../../src/shared/dates'
import type { NewConsultation } from '../../src/consultations/types'
import { slugsOf } from './taxonomy'

export const SAMPLE_SLUG = 'sample-consultation-parks-and-green-spaces'

/** A clearly labelled sample that is open on the day the seed runs, so a newcomer always sees one. */
export function sampleConsultation(seededAt: Date): NewConsultation {
  const opensAt = startOfLondonDay(addLondonDays(seededAt, -7))
  return {
    slug: SAMPLE_SLUG,
    title: 'Sample consultation: parks and green spaces',
    summary:
      'This is a sample consultation that shows how the site works. Tell us how you use parks and green spaces in ' +
      'Leicester and what would make them better. Responses to this sample are not used to make decisions.',
    opensAt,
    closesAt: endOfLondonDay(addLondonDays(seededAt, 42)),
    publishedAt: opensAt,
    isSample: true,
    contact: {
      name: 'Parks and Open Spaces team',
      email: 'parks.consultation@example.org',
      phone: '0116 000 0000',
      address: null,
    },
    sections: [
      {
        heading: 'Why your views matter',
        bodyMarkdown:
          'Parks and green spaces are used by people of every age. Your answers help us decide where to spend the ' +
          'parks budget, which facilities to improve first, and how to keep parks safe and welcoming.',
      },
      {
        heading: 'What is being asked?',
        bodyMarkdown: [
          'The survey asks about:',
          '',
          '- how often you visit parks and which ones',
          '- what you think of facilities such as play areas, toilets and paths',
          '- what would encourage you to visit more often',
          '',
          'It takes about 10 minutes to complete.',
        ].join('\n'),
      },
    ],
    links: [{ title: 'Find a park near you (sample link)', url: 'https://example.org/parks' }],
    termSlugs: {
      wards: slugsOf(['Abbey', 'Castle', 'Westcotes']),
      audiences: slugsOf(['All residents', 'Families with children']),
      topics: slugsOf(['Parks and green spaces', 'Community safety']),
    },
    feedback: null,
  }
}
