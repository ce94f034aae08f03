import {
  Button,
  CharacterCount,
  Checkboxes,
  createAll,
  ErrorSummary,
  FileUpload,
  NotificationBanner,
  PasswordInput,
  Radios,
  ServiceNavigation,
  SkipLink,
} from 'govuk-frontend'

// Only the components this site's pages use, so that the bundle leaves out the accordion, tabs and the rest:
// add a component here when a page starts to use it.
for (const Component of [
  Button,
  CharacterCount,
  Checkboxes,
  ErrorSummary,
  FileUpload,
  NotificationBanner,
  PasswordInput,
  Radios,
  ServiceNavigation,
  SkipLink,
]) {
  createAll(Component)
}

// "Print this page" needs JavaScript, so it stays hidden without it.
document.querySelectorAll<HTMLElement>('[data-app-print]').forEach((wrapper) => {
  wrapper.hidden = false
  wrapper.querySelector('button')?.addEventListener('click', () => window.print())
})
