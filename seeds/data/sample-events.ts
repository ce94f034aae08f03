import { addLondonDays, londonWallTime } from '../../src/shared/dates'
import type { EventInput } from '../../src/events/types'

const at = (seededAt: Date, days: number, time: string) => londonWallTime(`${addLondonDays(seededAt, days)}T${time}`)

/** The sample consultation's events: one already held, a drop-in session and a webinar to come. */
export function sampleEvents(seededAt: Date): EventInput[] {
  const library = {
    kind: 'venue' as const,
    address: 'Westcotes Library\nNarborough Road\nLeicester\nLE3 0BQ',
    accessibility: 'Step-free entrance from Narborough Road, a hearing loop at the desk and an accessible toilet.',
    wardSlug: 'westcotes',
  }
  return [
    {
      title: 'Sample drop-in session at Abbey Park',
      kind: 'drop-in',
      startsAt: at(seededAt, -3, '10:00'),
      endsAt: at(seededAt, -3, '12:00'),
      place: {
        kind: 'venue',
        address: 'Abbey Park café\nAbbey Park Road\nLeicester\nLE4 5AQ',
        accessibility: null,
        wardSlug: 'abbey',
      },
      description: 'Park staff were by the café to answer questions about this sample consultation.',
      bookingRequired: false,
      bookingDetails: null,
    },
    {
      title: 'Sample drop-in session at Westcotes Library',
      kind: 'drop-in',
      startsAt: at(seededAt, 10, '14:00'),
      endsAt: at(seededAt, 10, '16:00'),
      place: library,
      description:
        'Come and look at the plans for parks near you and tell the Parks and Open Spaces team what you think. ' +
        'Drop in at any time; you do not need to stay for the whole session.',
      bookingRequired: false,
      bookingDetails: null,
    },
    {
      title: 'Sample webinar: the future of our parks',
      kind: 'webinar',
      startsAt: at(seededAt, 17, '18:30'),
      endsAt: at(seededAt, 17, '19:30'),
      place: { kind: 'online', url: 'https://example.org/parks-webinar' },
      description: 'A short talk about the sample survey, then questions from residents. Captions are provided.',
      bookingRequired: true,
      bookingDetails: 'parks.consultation@example.org',
    },
  ]
}
