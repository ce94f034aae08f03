import crypto from 'node:crypto'
import zlib from 'node:zlib'
import type { CachedPage, Encoding, Freshness, PageVariant } from './store'

/** A header's name and value; a page's headers are a list of them, in the order they are sent. */
export type Header = readonly [name: string, value: string]

const BROTLI_OPTIONS = { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 6 } }

const flat = (headers: readonly Header[]) => headers.flatMap(([name, value]) => [name, value])

/**
 * A rendered page as the cache keeps it: compressed once in each encoding, with the whole head of each
 * response worked out once, so that a hit costs only the writing of it.
 */
export function keptPage(fresh: Freshness, headers: readonly Header[], body: Buffer): CachedPage {
  const etag = `W/"${crypto.createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`
  const common = [...flat(headers), 'ETag', etag]
  const variant = (encoding: Encoding, encoded: Buffer): PageVariant => {
    const head = [
      ...common,
      ...(encoding === 'identity' ? [] : ['Content-Encoding', encoding]),
      'Content-Length',
      String(encoded.length),
    ]
    return { body: encoded, hitHead: [...head, 'X-Page-Cache', 'hit'], missHead: [...head, 'X-Page-Cache', 'miss'] }
  }
  const notModified = headers.filter(([name]) => name.toLowerCase() !== 'content-type')
  return {
    ...fresh,
    etag,
    variants: {
      br: variant('br', zlib.brotliCompressSync(body, BROTLI_OPTIONS)),
      gzip: variant('gzip', zlib.gzipSync(body)),
      identity: variant('identity', body),
    },
    notModifiedHead: [...flat(notModified), 'ETag', etag, 'X-Page-Cache', 'hit'],
  }
}
