import type { ChoiceFigures, Figure, QuestionResult } from '../results/types'

export const RESULTS_TABLE_HEADER = [
  'Question',
  'Statement',
  'Answer',
  'Respondents or value',
  '% of all respondents',
  '% of those who answered',
]

type Row = (string | number | null)[]
const oneDecimal = (percent: number) => Math.round(percent * 10) / 10
const figureRow = (question: string, statement: string, answer: string, figure: Figure): Row => [
  question,
  statement,
  answer,
  figure.count,
  oneDecimal(figure.ofRespondents),
  oneDecimal(figure.ofAnswered),
]

function choiceRows(question: string, statement: string, figures: ChoiceFigures, respondents: number): Row[] {
  return [
    ...figures.options.map((option) => figureRow(question, statement, option.label, option)),
    ...(figures.agreement
      ? [
          figureRow(question, statement, 'Agree (strongly agree or agree)', figures.agreement.agree),
          figureRow(question, statement, 'Disagree (disagree or strongly disagree)', figures.agreement.disagree),
        ]
      : []),
    [
      question,
      statement,
      'Answered',
      figures.answered,
      oneDecimal(respondents ? (figures.answered * 100) / respondents : 0),
      null,
    ],
  ]
}

/** The results tables as rows of a CSV: one row per option (per statement of a matrix), or per summary figure. */
export function resultsTableRows(results: QuestionResult[]): Row[] {
  return results.flatMap(({ number, question, figures, respondents }): Row[] => {
    const title = `Q${number}. ${question.title}`
    switch (figures.kind) {
      case 'choice':
        return choiceRows(title, '', figures, respondents)
      case 'matrix':
        return figures.statements.flatMap((statement) => choiceRows(title, statement.label, statement, respondents))
      case 'number':
        return [
          [title, '', 'Answered', figures.answered, null, null],
          [title, '', 'Lowest', figures.min, null, null],
          [title, '', 'Median', figures.median, null, null],
          [title, '', 'Highest', figures.max, null, null],
        ]
      case 'date':
        return [
          [title, '', 'Answered', figures.answered, null, null],
          [title, '', 'Earliest', figures.earliest, null, null],
          [title, '', 'Latest', figures.latest, null, null],
        ]
      case 'text':
        return [[title, '', 'Answered', figures.answered, null, null]]
    }
  })
}
