import { formatNumber } from '../shared/numbers'
import { AGREEMENT_SCALE, type Question, type QuestionOption } from './types'

const upperFirst = (text: string) => text.charAt(0).toUpperCase() + text.slice(1)
const lowerFirst = (text: string) => text.charAt(0).toLowerCase() + text.slice(1)

const isAgreementScale = (options: QuestionOption[]) =>
  options.length > 0 && options.every((option) => AGREEMENT_SCALE.some((point) => point.value === option.value))

/** GOV.UK Design System error messages for a question, completed by its settings.errorName. */
export function validationMessages(question: Question) {
  const name = question.settings.errorName
  const subject = name ? upperFirst(name) : 'Your answer'
  const select =
    question.type === 'agreement'
      ? name
        ? `Select whether you agree that ${name}`
        : 'Select how much you agree or disagree'
      : name
        ? `Select ${name}`
        : 'Select an answer'
  return {
    select,
    enter: name ? `Enter ${name}` : 'Enter your answer',
    tooLong: (limit: number) => `${subject} must be ${formatNumber(limit)} characters or less`,
    otherMissing: 'Enter details for ‘Other’',
    otherTooLong: 'Details for ‘Other’ must be 500 characters or less',
    tooFewPicks: (min: number) => `Select at least ${min} options`,
    tooManyPicks: (max: number) => `Select no more than ${max} options`,
    matrixRow: (statement: string, options: QuestionOption[]) =>
      isAgreementScale(options)
        ? `Select whether you agree that ${lowerFirst(statement.replace(/[.?]$/, ''))}`
        : `Select an answer for ‘${statement}’`,
    notANumber: `${subject} must be a number`,
    numberRange: (min?: number, max?: number) =>
      min !== undefined && max !== undefined
        ? `${subject} must be between ${formatNumber(min)} and ${formatNumber(max)}`
        : min !== undefined
          ? `${subject} must be ${formatNumber(min)} or more`
          : max !== undefined
            ? `${subject} must be ${formatNumber(max)} or less`
            : `${subject} must be a number between -1,000,000,000,000 and 1,000,000,000,000`,
    emailFormat: 'Enter an email address in the correct format, like name@example.com',
    postcodeFormat: 'Enter a full UK postcode, like LE1 6ZG',
    realDate: `${subject} must be a real date`,
    yearDigits: 'Year must include 4 numbers',
    dateMissing: (parts: string[]) => `${subject} must include a ${parts.join(' and ')}`,
  }
}
