/**
 * What went wrong when opening a libSQL server or an embedded replica of one,
 * in one line a person can act on: the drivers report a refused token as
 * `SERVER_ERROR: Server returned HTTP status 401` (HTTP) or a gRPC status dump
 * over several lines (replica), and a server that is down as `fetch failed`
 * or `sync error: error trying to connect: …`.
 */
import type { DatabaseOptions } from './client.ts'

function causes(error: unknown): string {
  const parts: string[] = []
  for (let e: unknown = error, depth = 0; e && depth < 5; depth++) {
    parts.push(e instanceof Error ? e.message : String(e))
    e = e instanceof Error ? (e as Error & { cause?: unknown }).cause : undefined
  }
  return parts.join(' | ')
}

const REFUSED_TOKEN = /HTTP status 401|Unauthenticated|Unauthorized|JWT is invalid|AuthError|HTTP status 403|PermissionDenied/i
const UNREACHABLE = /fetch failed|ECONNREFUSED|Connection refused|error trying to connect|ENOTFOUND|EHOSTUNREACH|ETIMEDOUT|PrimaryHandshakeTimeout|Timeout performing handshake|dns error/i

/**
 * What a libSQL server answers to an empty Hrana pipeline with the token:
 * let in, refused (401/403), or not reached at all. A replica's sync reports
 * a refused token and a server that is down the same way (a handshake
 * timeout), so this asks the server.
 */
export async function probeServer(url: string, authToken: string | undefined): Promise<'ok' | 'refused' | 'unreachable'> {
  const base = url.replace(/^libsql:/, 'https:').replace(/\/+$/, '')
  try {
    const res = await fetch(`${base}/v2/pipeline`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(authToken ? { authorization: `Bearer ${authToken}` } : {}) },
      body: JSON.stringify({ baton: null, requests: [] }),
      signal: AbortSignal.timeout(5000),
    })
    return res.status === 401 || res.status === 403 ? 'refused' : 'ok'
  } catch {
    return 'unreachable'
  }
}

/**
 * One line for an error met while opening the database of `options`, or null
 * when the error is not about reaching the server or being let in.
 */
export async function describeDatabaseError(error: unknown, options: DatabaseOptions): Promise<string | null> {
  const server = options.syncUrl ?? (options.url && !options.url.startsWith('file:') ? options.url : undefined)
  if (!server) return null
  const text = causes(error)
  let refused = REFUSED_TOKEN.test(text)
  let unreachable = !refused && UNREACHABLE.test(text)
  if (options.syncUrl && /Handshake/i.test(text)) {
    const probe = await probeServer(server, options.authToken)
    refused = probe === 'refused'
    unreachable = probe === 'unreachable'
  }
  if (refused) {
    const why = options.authToken
      ? 'DATABASE_AUTH_TOKEN is not a token it accepts (signed with another key, expired, or for another server)'
      : 'it requires a token: set DATABASE_AUTH_TOKEN'
    return `the libSQL server ${server} refused the connection: ${why}`
  }
  if (unreachable) {
    return options.syncUrl
      ? `cannot sync the embedded replica ${options.url} from the libSQL server ${server}: the server cannot be reached. Sixfold does not open a replica while its server is down; start the server (or check DATABASE_SYNC_URL) and try again`
      : `cannot reach the libSQL server ${server}: is it running, and is DATABASE_URL right?`
  }
  return null
}

/** The same, for the database the environment names (DATABASE_URL, DATABASE_AUTH_TOKEN, DATABASE_SYNC_URL). */
export function describeDatabaseErrorFromEnv(error: unknown, env: NodeJS.ProcessEnv = process.env): Promise<string | null> {
  return describeDatabaseError(error, { url: env.DATABASE_URL || undefined, authToken: env.DATABASE_AUTH_TOKEN || undefined, syncUrl: env.DATABASE_SYNC_URL || undefined })
}

/**
 * For a request that failed because the libSQL server went away while Sixfold
 * runs: what to tell the user (a replica still reads from its own copy), or
 * null for any other error.
 */
export function unavailableMessage(error: unknown, database: { server?: string; url: string }): string | null {
  if (!database.server || !UNREACHABLE.test(causes(error))) return null
  return database.url.startsWith('file:')
    ? `the libSQL server ${database.server} cannot be reached: this machine's replica still answers reads, but changes are refused until the server is back`
    : `the libSQL server ${database.server} cannot be reached: try again once it is back`
}
