declare module 'govuk-frontend' {
  /** A govuk-frontend component class: created on each element whose data-module names it. */
  export interface ComponentClass {
    new (element: Element): unknown
    moduleName: string
  }
  export const Button: ComponentClass
  export const CharacterCount: ComponentClass
  export const Checkboxes: ComponentClass
  export const ErrorSummary: ComponentClass
  export const FileUpload: ComponentClass
  export const NotificationBanner: ComponentClass
  export const PasswordInput: ComponentClass
  export const Radios: ComponentClass
  export const ServiceNavigation: ComponentClass
  export const SkipLink: ComponentClass
  /** Creates the component on every element of the page whose data-module names it. */
  export function createAll(component: ComponentClass): unknown[]
}
