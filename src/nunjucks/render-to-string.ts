import type { Response } from 'express'

/** The view rendered with the response's locals, as res.render would send it, without sending it. */
export const renderToString = (res: Response, view: string, model: object): Promise<string> =>
  new Promise((resolve, reject) => {
    res.render(view, model, (err: Error | null, html: string) => (err ? reject(err) : resolve(html)))
  })
