import { Marked } from 'marked'
import sanitizeHtml from 'sanitize-html'
import { memoiseText } from './memoise'

const marked = new Marked({ gfm: true, breaks: false, async: false })

const allowedTags = [
  'p',
  'br',
  'strong',
  'em',
  'ul',
  'ol',
  'li',
  'a',
  'h2',
  'h3',
  'h4',
  'blockquote',
  'code',
  'pre',
  'hr',
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
]

/** GOV.UK classes for the elements Markdown produces, so rich text matches the rest of the page. */
const govukClasses: Record<string, string> = {
  p: 'govuk-body',
  ul: 'govuk-list govuk-list--bullet',
  ol: 'govuk-list govuk-list--number',
  a: 'govuk-link',
  h2: 'govuk-heading-m',
  h3: 'govuk-heading-s',
  h4: 'govuk-heading-s',
  table: 'govuk-table',
  tr: 'govuk-table__row',
  th: 'govuk-table__header',
  td: 'govuk-table__cell',
  hr: 'govuk-section-break govuk-section-break--m govuk-section-break--visible',
}

const addClass = (tagName: string, attribs: sanitizeHtml.Attributes) => ({
  tagName,
  attribs: govukClasses[tagName] ? { ...attribs, class: govukClasses[tagName] } : attribs,
})

/** Renders officer-written Markdown to HTML that is safe to put on a public page. */
function renderMarkdownNow(markdown: string): string {
  const html = marked.parse(markdown) as string
  return sanitizeHtml(html, {
    allowedTags,
    allowedAttributes: { a: ['href', 'title'], th: ['scope'] },
    allowedSchemes: ['http', 'https', 'mailto', 'tel'],
    allowedClasses: Object.fromEntries(Object.entries(govukClasses).map(([tag, classes]) => [tag, classes.split(' ')])),
    transformTags: Object.fromEntries(Object.keys(govukClasses).map((tag) => [tag, addClass])),
  })
}

/**
 * renderMarkdown, remembered for the texts shown most recently: a page view repeats it on the same text, and
 * it costs a third of rendering an overview page.
 */
export const renderMarkdown = memoiseText(renderMarkdownNow, 500)

/** Plain text of Markdown, for search indexing and summaries. */
export function markdownToPlainText(markdown: string): string {
  return sanitizeHtml(marked.parse(markdown) as string, { allowedTags: [], allowedAttributes: {} })
    .replace(/\s+/g, ' ')
    .trim()
}
