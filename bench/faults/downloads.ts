import http from 'node:http'
import net from 'node:net'

/**
 * A download whose client reads the status line and headers, then stops reading: its socket is paused,
 * so the server's writes fill the socket buffers and then wait.
 */
export class StalledDownload {
  status = 0
  headerMs = 0
  /** When the server closed the connection, in ms after the request; noticed once the socket is read again. */
  closedAfterMs: number | null = null
  private tail = ''

  private constructor(
    private readonly socket: net.Socket,
    started: number,
  ) {
    socket.once('close', () => (this.closedAfterMs = performance.now() - started))
    socket.on('error', () => undefined)
  }

  static open(port: number, path: string, headers: http.OutgoingHttpHeaders): Promise<StalledDownload> {
    const started = performance.now()
    const socket = net.connect(port, '127.0.0.1')
    const download = new StalledDownload(socket, started)
    const lines = Object.entries({ host: `127.0.0.1:${port}`, ...headers }).map(
      ([name, value]) => `${name}: ${String(value)}`,
    )
    socket.write(`GET ${path} HTTP/1.1\r\n${lines.join('\r\n')}\r\nconnection: close\r\n\r\n`)
    return new Promise((resolve, reject) => {
      let head = ''
      const onData = (chunk: Buffer) => {
        head += chunk.toString('latin1')
        if (!head.includes('\r\n\r\n')) return
        socket.off('data', onData)
        socket.pause()
        download.status = Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? 0)
        download.headerMs = performance.now() - started
        resolve(download)
      }
      socket.on('data', onData)
      socket.once('error', reject)
    })
  }

  /**
   * Reads whatever is left, to learn whether the server sent the whole body (a chunked body ends with a
   * zero-length chunk), closed the connection before the end (abandoning the export), or neither.
   */
  drain(timeoutMs: number): Promise<DrainOutcome> {
    const outcome = (): DrainOutcome => {
      if (this.tail.endsWith('\r\n0\r\n\r\n')) return 'whole body'
      return this.closedAfterMs === null ? 'still open' : 'cut off by the server'
    }
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        resolve(outcome())
        this.socket.destroy()
      }, timeoutMs)
      const finish = () => {
        clearTimeout(timer)
        resolve(outcome())
      }
      if (this.closedAfterMs !== null) finish()
      this.socket.on('data', (chunk: Buffer) => (this.tail = (this.tail + chunk.toString('latin1')).slice(-16)))
      this.socket.once('close', finish)
      this.socket.resume()
    })
  }
}

export type DrainOutcome = 'whole body' | 'cut off by the server' | 'still open'

export interface FullDownload {
  status: number
  complete: boolean
  bytes: number
  /** Lines of the CSV; the generated answers hold no line breaks, so each record is one line. */
  lines: number
  ms: number
}

/** Reads a download to its end at full speed; `onProgress` hears the bytes received so far. */
export function readDownload(
  port: number,
  path: string,
  headers: http.OutgoingHttpHeaders,
  onProgress: (bytes: number) => void = () => undefined,
): Promise<FullDownload> {
  const started = performance.now()
  return new Promise((resolve) => {
    let bytes = 0
    let lines = 0
    const finish = (status: number, complete: boolean) =>
      resolve({ status, complete, bytes, lines, ms: performance.now() - started })
    http
      .get({ host: '127.0.0.1', port, path, headers, agent: false }, (res) => {
        res.on('data', (chunk: Buffer) => {
          bytes += chunk.length
          for (let at = chunk.indexOf(10); at !== -1; at = chunk.indexOf(10, at + 1)) lines++
          onProgress(bytes)
        })
        res.on('error', () => undefined)
        res.on('close', () => finish(res.statusCode ?? 0, res.complete))
      })
      .on('error', () => finish(0, false))
  })
}
