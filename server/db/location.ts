/**
 * What DATABASE_URL names, checked before anything opens it, so that a wrong value is one line saying
 * what is wrong (not a stack trace from the driver, nor a `mkdir -p` that never returns, as under
 * /proc): the scheme, and for an embedded file the file itself, the folders above it, and whether
 * SQLite can create its files there.
 */
import { accessSync, constants, mkdirSync, statSync, type Stats } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { SixfoldError } from '../../aligner/types.ts'

/** Schemes @libsql/client opens: an embedded file, or a libSQL server. */
const SCHEMES = ['file', 'libsql', 'http', 'https', 'ws', 'wss']

/** The local path of a `file:` URL (resolved), or null for a server, `:memory:` or an empty path. */
export function localDatabasePath(url: string): string | null {
  if (!url.startsWith('file:')) return null
  let path = url.slice('file:'.length).split('?')[0]
  // file:///abs/path and file://localhost/abs/path name /abs/path
  if (path.startsWith('//')) path = path.replace(/^\/\/(localhost)?(?=\/)/i, '')
  if (!path || path === ':memory:') return null
  return resolve(decodeURIComponent(path))
}

function errnoText(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code
  const words: Record<string, string> = {
    ENOENT: 'no such file or folder',
    EACCES: 'permission denied',
    EPERM: 'operation not permitted',
    EROFS: 'read-only file system',
    ENOTDIR: 'a part of the path is a file, not a folder',
    ENOSPC: 'no space left on the device',
  }
  return (code && words[code]) ?? (code || (error instanceof Error ? error.message : String(error)))
}

function fail(message: string): never {
  throw new SixfoldError('database-location', message)
}

function statOrNull(path: string): Stats | null {
  try {
    return statSync(path)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT') return null
    if (code === 'ENOTDIR') return null // judged below, on the first part that exists
    fail(`cannot look at ${path} (DATABASE_URL): ${errnoText(error)}`)
  }
}

function writable(path: string): boolean {
  try {
    accessSync(path, constants.W_OK)
    return true
  } catch {
    return false
  }
}

/**
 * Throws a SixfoldError with one line a user can act on when `url` cannot name a database; creates
 * the missing folders above an embedded file (one by one, so that a folder that cannot be made is
 * named instead of looped on).
 */
export function checkDatabaseLocation(url: string): void {
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(url)?.[1]?.toLowerCase()
  if (!scheme || scheme.length === 1) {
    fail(`DATABASE_URL "${url}" has no scheme: write file:${url} for an embedded database file, or libsql://… or https://… for a libSQL server`)
  }
  if (!SCHEMES.includes(scheme)) {
    fail(`DATABASE_URL "${url}" is not a database address: use file:<path> for an embedded database file, or libsql://, http:// or https:// for a libSQL server`)
  }
  const path = localDatabasePath(url)
  if (!path) return
  const info = statOrNull(path)
  if (info) {
    if (info.isDirectory()) fail(`DATABASE_URL names the folder ${path}, not a file: give a file in it, e.g. file:${resolve(path, 'sixfold.db')}`)
    if (!info.isFile()) fail(`DATABASE_URL names ${path}, which is not a regular file: give the path of a database file`)
    try {
      accessSync(path, constants.R_OK)
    } catch (error) {
      fail(`cannot read the database ${path}: ${errnoText(error)}`)
    }
    // SQLite keeps its write-ahead log and shared-memory index beside the file, even to read it.
    const folder = dirname(path)
    const sidecars = [`${path}-wal`, `${path}-shm`].every((p) => statOrNull(p))
    if (!writable(folder) && !sidecars) fail(`the folder ${folder} is read-only: SQLite must create ${path}-wal and -shm beside the database, even to read it; make the folder writable`)
    return
  }
  // A new database: find the nearest part of the path that exists, and make the folders below it.
  const missing: string[] = []
  let folder = dirname(path)
  let above = statOrNull(folder)
  while (!above) {
    missing.unshift(folder)
    const parent = dirname(folder)
    if (parent === folder) fail(`cannot create the database ${path}: none of the folders above it exists`)
    folder = parent
    above = statOrNull(folder)
  }
  if (!above.isDirectory()) fail(`cannot create the database ${path}: ${folder} is a file, not a folder`)
  for (const dir of missing) {
    try {
      mkdirSync(dir)
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') fail(`cannot create the folder ${dir} for the database ${path}: ${errnoText(error)}`)
    }
  }
  if (!writable(dirname(path))) fail(`cannot create the database ${path}: the folder ${dirname(path)} is read-only`)
}
