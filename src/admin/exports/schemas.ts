import { z } from 'zod'

const ticked = z
  .unknown()
  .transform((value) => value === 'yes')
  .catch(false)

/** The responses export's options: both unticked unless the form says "yes". Personal data is left out by default. */
export const exportOptionsSchema = z.object({ optionColumns: ticked, personalData: ticked })
