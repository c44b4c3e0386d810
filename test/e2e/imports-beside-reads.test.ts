/**
 * The real server keeps answering while a large upload is parsed and stored:
 * /api/health and a search answer while the import is running, and before
 * it finishes (issue 11: a 9.8 MB .txt stalled /api/health for up to 16 s when
 * parsing ran on the request thread). Ordering is asserted, never time.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CreateDocumentResponse, HealthResponse, SearchResponse } from '../../server/api/contract.ts'
import { writeCorporaFixture } from './support/corpora.ts'
import { ROOT, sleep, startServer, type RunningServer } from './support/server.ts'

/** A legitimate English version of about `bytes` bytes: devset sentences, one paragraph each, as PDF-extracted text. */
function largeEnglishText(bytes: number): Uint8Array<ArrayBuffer> {
  const lines = readFileSync(join(ROOT, 'corpora/unpc-devset/UNv1.0.devset.en'), 'utf8').split('\n').filter(Boolean)
  const parts: string[] = []
  let size = 0
  for (let k = 0; size < bytes; k++) {
    const line = lines[k % lines.length]
    parts.push(line, '')
    size += line.length + 2
  }
  return new TextEncoder().encode(parts.join('\n'))
}

describe('the server while a large upload is imported', () => {
  let dir: string
  let server: RunningServer

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sixfold-e2e-beside-'))
    server = await startServer({ corporaDir: writeCorporaFixture(join(dir, 'corpora'), { devsetLines: 300, sdg: false, udhr: false }) })
  })
  afterAll(async () => {
    await server?.stop()
    rmSync(dir, { recursive: true, force: true })
  })

  it('answers /api/health and a search while the upload is being parsed, before the import finishes', async () => {
    const events: string[] = []
    const body = new FormData()
    body.append('symbol', 'LARGE/1')
    body.append('lang', 'en')
    body.append('file', new File([largeEnglishText(3_000_000)], 'en.txt'))
    let settled = false
    const upload = fetch(`${server.url}/api/documents`, { method: 'POST', body }).then(async (res) => {
      settled = true
      events.push('upload answered')
      return { status: res.status, body: (await res.json()) as CreateDocumentResponse }
    })

    // Parsing a .txt is one synchronous stretch of work: on the request thread nothing could be answered
    // during it. Here a search must be answered between two health answers that both find the upload
    // still at its parsing stage.
    const stageOf = (health: HealthResponse) => health.imports.find((i) => i.name === 'en.txt')?.stage ?? null
    const health = async () => {
      const res = await fetch(`${server.url}/api/health`)
      expect(res.status).toBe(200)
      return stageOf((await res.json()) as HealthResponse)
    }
    let stage = await health()
    while (stage !== 'parsing') {
      expect(settled, `the upload finished before health saw it being parsed:\n${server.output().slice(-2000)}`).toBe(false)
      await sleep(20)
      stage = await health()
    }
    events.push('health answered while parsing')
    const search = await fetch(`${server.url}/api/search?q=${encodeURIComponent('sustainable development')}`)
    expect(search.status).toBe(200)
    expect(((await search.json()) as SearchResponse).total).toBeGreaterThan(0)
    expect(await health(), 'the parse ended before a search and a health check were answered during it').toBe('parsing')
    events.push('search answered while parsing')

    const done = await upload
    expect(done.status).toBe(201)
    expect(done.body.document.versions[0]).toMatchObject({ lang: 'en', format: 'pdf-text' })
    expect(done.body.document.segments).toBeGreaterThan(10_000)
    expect(events).toEqual(['health answered while parsing', 'search answered while parsing', 'upload answered'])
    expect(((await (await fetch(`${server.url}/api/health`)).json()) as HealthResponse).imports).toEqual([])
  })
})
