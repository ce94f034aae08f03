import net from 'node:net'
import type { AddressInfo } from 'node:net'

/**
 * A TCP proxy to a database server that a test can cut off, as if the server had stopped: every
 * connection through it is dropped and new ones are refused until it is restored, on the same port. Or it
 * can freeze it: connections stay open and nothing comes back.
 */
export async function startTcpProxy(target: { host: string; port: number }) {
  const sockets = new Set<net.Socket>()
  const track = (socket: net.Socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
    socket.on('error', () => socket.destroy())
  }
  let frozen = false
  const server = net.createServer((client) => {
    const upstream = net.connect(target)
    track(client)
    track(upstream)
    // Bytes from a frozen server are held back, as if it had stopped answering with its connections open.
    upstream.on('data', (chunk: Buffer) => frozen || client.write(chunk))
    client.pipe(upstream)
  })
  const listen = (port: number) =>
    new Promise<number>((resolve) =>
      server.listen(port, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)),
    )
  const port = await listen(0)
  return {
    port,
    async cutOff(): Promise<void> {
      const closed = new Promise((resolve) => server.close(resolve))
      for (const socket of sockets) socket.destroy()
      await closed
    },
    freeze(): void {
      frozen = true
    },
    async restore(): Promise<void> {
      await listen(port)
    },
    close: async () => {
      for (const socket of sockets) socket.destroy()
      if (server.listening) await new Promise((resolve) => server.close(resolve))
    },
  }
}

/** A database address that answers nothing: connections are refused, or (silent) accepted and never answered. */
export async function deadDatabaseAddress(kind: 'refusing' | 'silent') {
  const held: net.Socket[] = []
  const server = net.createServer((socket) => held.push(socket))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  if (kind === 'refusing') await new Promise((resolve) => server.close(resolve))
  return {
    url: `postgres://postgres@127.0.0.1:${port}/hub`,
    close: async () => {
      for (const socket of held) socket.destroy()
      if (server.listening) await new Promise((resolve) => server.close(resolve))
    },
  }
}
