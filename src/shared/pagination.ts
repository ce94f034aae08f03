/** What govukPagination takes: previous and next links and numbered items, with ellipses between far-apart pages. */
export interface PaginationParams {
  previous?: { href: string }
  next?: { href: string }
  items: ({ number: number; href: string; current: boolean } | { ellipsis: true })[]
}

/** Links to the pages around the current one, or null when everything fits on one page. */
export function paginationFor(
  page: number,
  totalPages: number,
  hrefFor: (page: number) => string,
): PaginationParams | null {
  if (totalPages <= 1) return null
  const shown = [...new Set([1, page - 1, page, page + 1, totalPages])]
    .filter((n) => n >= 1 && n <= totalPages)
    .sort((a, b) => a - b)
  const items: PaginationParams['items'] = []
  let previous: number | undefined
  for (const number of shown) {
    if (previous !== undefined && number - previous > 1) items.push({ ellipsis: true })
    items.push({ number, href: hrefFor(number), current: number === page })
    previous = number
  }
  return {
    ...(page > 1 ? { previous: { href: hrefFor(Math.min(page - 1, totalPages)) } } : {}),
    ...(page < totalPages ? { next: { href: hrefFor(page + 1) } } : {}),
    items,
  }
}
