import { mount, type VueWrapper } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { DocumentDetail, VersionInfo } from '../api/tm.ts'
import { createTestRouter } from '../router.ts'
import { documentDetail } from '../testing/fixtures.ts'
import { mockApi, settle, type MockApi } from '../testing/mock-fetch.ts'
import DocumentsView from './DocumentsView.vue'

let api: MockApi
let wrapper: VueWrapper | null = null

const zhVersion: VersionInfo = {
  id: 1, lang: 'zh', fileName: 'E_2024_30_zh.pdf', format: 'pdf-text', sha256: 'ab', detected: { language: 'zh', confidence: 0.99 },
  importedAt: '2026-11-27T03:00:00Z', blocks: 41, sentences: 97,
}
/** E/2024/30 as imported from corpora/: Chinese only, so nothing to align with yet. */
const chineseOnly: DocumentDetail = {
  id: 2, slug: 'e-2024-30', symbol: 'E/2024/30', title: null, source: 'document', createdAt: '2026-11-27T03:00:00Z',
  languages: ['zh'], segments: 138, versions: [zhVersion],
  alignment: { state: 'none', pivot: null, languages: [], paragraphGroups: 0, sentenceGroups: 0, flagged: 0, lowConfidence: 0, human: 0, confirmed: 0, meanConfidence: null },
}
const listOf = (d: DocumentDetail) => ({ documents: [{ ...d, versions: undefined, alignment: undefined }] })

beforeEach(() => {
  api = mockApi()
})
afterEach(() => {
  wrapper?.unmount()
  wrapper = null
  api.restore()
})

async function open(d: DocumentDetail) {
  api.on('GET', '/api/documents', listOf(d)).on('GET', `/api/documents/${d.slug}`, d)
  const router = createTestRouter()
  await router.push(`/documents/${d.slug}`)
  await router.isReady()
  wrapper = mount(DocumentsView, { global: { plugins: [router] }, attachTo: document.body })
  await settle()
  return wrapper
}

describe('DocumentsView', () => {
  it('says a single-version document is parsed and waits for a second language, and invites the upload', async () => {
    const w = await open(chineseOnly)
    const panel = w.find('.docs-detail .panel').text()
    expect(panel).not.toContain('aligned on')
    expect(panel).not.toContain('parsed and aligned')
    expect(panel).not.toContain('Not aligned yet')
    const status = w.find('.align-status')
    expect(status.text()).toContain('The Chinese version is parsed (138 segments) and waits for a second language version')
    expect(status.find('button').text()).toContain('Upload another language version')
    expect(w.find('.upload-title').text()).toBe('Add a second language version')
    await status.find('button').trigger('click') // scrolls to the upload zone; must not throw
  })

  it('reports an aligned document with its beads, and no waiting message', async () => {
    const w = await open({ ...documentDetail, versions: [zhVersion] })
    const text = w.find('.align-status').text()
    expect(text).toContain('Aligned on Chinese: 3 paragraph and 6 sentence beads')
    expect(w.find('.docs-detail .panel').text()).not.toContain('waits for a second')
    expect(w.find('.upload-title').text()).toBe('Add or replace a version')
  })

  it('asks for versions when a document has none', async () => {
    const w = await open({ ...chineseOnly, languages: [], versions: [], segments: 0 })
    expect(w.find('.align-status').text()).toBe('No language version yet: upload two or more below and they are parsed and aligned.')
  })
})
