/**
 * Starts the real Sixfold server (`tsx server/main.ts`) on a free port with a
 * temporary database and a given corpora folder, and waits until
 * /api/health says it is ready. Builds the web app first when asked.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

export const ROOT = resolve(import.meta.dirname, '../../..')

export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const srv = createServer()
    srv.unref()
    srv.on('error', reject)
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address()
      const port = typeof address === 'object' && address ? address.port : 0
      srv.close(() => resolvePort(port))
    })
  })
}

/** `npx vite build` into dist/web (what `npm start` serves). Throws with the build output when it fails. */
export function buildWeb(): void {
  const res = spawnSync(join(ROOT, 'node_modules/.bin/vite'), ['build', '--logLevel', 'warn'], { cwd: ROOT, encoding: 'utf8' })
  if (res.status !== 0) throw new Error(`vite build failed:\n${res.stdout}\n${res.stderr}`)
}

export interface RunningServer {
  url: string
  port: number
  dir: string
  /** The process started (the tsx launcher; the server runs in its child). */
  pid: number
  /** Everything the server printed, for failure messages. */
  output: () => string
  stop: () => Promise<void>
}

export interface StartOptions {
  corporaDir: string
  /** How long to wait for the import to finish and the health check to pass. */
  readyTimeoutMs?: number
  env?: Record<string, string>
}

export async function startServer(options: StartOptions): Promise<RunningServer> {
  const dir = mkdtempSync(join(tmpdir(), 'sixfold-e2e-'))
  const port = await freePort()
  const url = `http://127.0.0.1:${port}`
  let log = ''
  const child: ChildProcess = spawn(join(ROOT, 'node_modules/.bin/tsx'), ['server/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_URL: `file:${join(dir, 'db')}`,
      PORT: String(port),
      HOST: '127.0.0.1',
      CORPORA_DIR: options.corporaDir,
      NO_COLOR: '1',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  })
  child.stdout?.on('data', (d: Buffer) => (log += d.toString()))
  child.stderr?.on('data', (d: Buffer) => (log += d.toString()))
  let exited: number | null = null
  child.on('exit', (code) => (exited = code ?? -1))

  const stop = async () => {
    if (exited === null && child.pid) {
      try {
        process.kill(-child.pid, 'SIGTERM')
      } catch {
        /* already gone */
      }
      const deadline = Date.now() + 5000
      while (exited === null && Date.now() < deadline) await sleep(50)
      if (exited === null) {
        try {
          process.kill(-child.pid, 'SIGKILL')
        } catch {
          /* already gone */
        }
      }
    }
    rmSync(dir, { recursive: true, force: true })
  }

  const deadline = Date.now() + (options.readyTimeoutMs ?? 240_000)
  for (;;) {
    if (exited !== null) {
      await stop()
      throw new Error(`The server exited (code ${exited}) before it was ready:\n${log.slice(-4000)}`)
    }
    try {
      const res = await fetch(`${url}/api/health`)
      if (res.ok) {
        const body = (await res.json()) as { status?: string }
        if (body.status === 'ok') break
      }
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      await stop()
      throw new Error(`The server was not ready within ${options.readyTimeoutMs ?? 240_000} ms:\n${log.slice(-4000)}`)
    }
    await sleep(250)
  }
  return { url, port, dir, pid: child.pid!, output: () => log, stop }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms))
}
