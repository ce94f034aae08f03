/** Where a consultation's results live in the admin area; codes tag answers on its question pages. */
export const RESULTS_BASE = '/admin/consultations/:slug/results'
