import { initAll } from 'govuk-frontend'

initAll()

// "Print this page" needs JavaScript, so it stays hidden without it.
document.querySelectorAll<HTMLElement>('[data-app-print]').forEach((wrapper) => {
  wrapper.hidden = false
  wrapper.querySelector('button')?.addEventListener('click', () => window.print())
})
