/**
 * Binds the server to 127.0.0.1 on the chosen port, or, when that port is taken and the host
 * allows it (the desktop app), on any free one: the console still starts, and says where.
 */
import type { SextantServer } from './server'

export interface Listening {
  readonly port: number
  /** The chosen port was taken and another was used. */
  readonly fellBack: boolean
}

export async function listenOnLoopback(
  server: SextantServer,
  preferred: number,
  options: { fallback: boolean },
): Promise<Listening> {
  try {
    await server.listen({ host: '127.0.0.1', port: preferred })
    return { port: boundPort(server), fellBack: false }
  } catch (error) {
    if (!options.fallback || (error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error
  }
  await server.listen({ host: '127.0.0.1', port: 0 })
  return { port: boundPort(server), fellBack: true }
}

function boundPort(server: SextantServer): number {
  const address = server.server.address()
  if (address === null || typeof address !== 'object')
    throw new Error('the server is not listening')
  return address.port
}
