/** The page frame: the header's counts follow the memory without a reload. */
import { mount, type VueWrapper } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { HealthResponse } from './api/tm.ts'
import { uploadVersion } from './api/tm.ts'
import { createTestRouter } from './router.ts'
import { mockApi, settle, type MockApi } from './testing/mock-fetch.ts'
import App from './App.vue'

let api: MockApi
let wrapper: VueWrapper | null = null
let counts = { documents: 4, segments: 28079, groups: 9000 }

const health = (): HealthResponse => ({
  status: 'ok',
  version: 'test',
  import: { state: 'done', filesTotal: 0, filesDone: 0, filesImported: 0, filesSkipped: 0, filesFailed: 0, segments: 0, current: null, errors: [] },
  imports: [],
  writeNeedsToken: false,
  counts,
})

/** The upload goes through XMLHttpRequest (for its progress events): answered here as the server would. */
class UploadDouble {
  status = 0
  statusText = ''
  responseText = ''
  upload: { onprogress: ((e: { lengthComputable: boolean; loaded: number; total: number }) => void) | null } = { onprogress: null }
  onload: (() => void) | null = null
  onerror: (() => void) | null = null
  open(): void {}
  setRequestHeader(): void {}
  send(): void {
    setTimeout(() => {
      counts = { documents: 5, segments: 28279, groups: 9100 }
      this.status = 200
      this.responseText = JSON.stringify({ document: { slug: 'udhr-2' }, version: { lang: 'fr' } })
      this.onload?.()
    }, 0)
  }
}

beforeEach(() => {
  counts = { documents: 4, segments: 28079, groups: 9000 }
  api = mockApi()
  api.on('GET', '/api/health', () => health()).on('GET', '/api/documents', { documents: [] })
  vi.stubGlobal('XMLHttpRequest', UploadDouble)
})
afterEach(() => {
  wrapper?.unmount()
  wrapper = null
  api.restore()
})

describe('App header', () => {
  it('shows the new document and segment counts after an upload, without a reload or a change of view', async () => {
    const router = createTestRouter()
    await router.push('/documents')
    await router.isReady()
    wrapper = mount(App, { global: { plugins: [router] } })
    await settle()
    expect(wrapper.find('.topbar-status').text()).toBe('4 documents · 28,079 segments')
    await uploadVersion('udhr-2', 'fr', new File(['Article premier'], 'fr.txt'), () => {})
    await settle()
    expect(wrapper.find('.topbar-status').text()).toBe('5 documents · 28,279 segments')
    expect(router.currentRoute.value.name).toBe('documents')
  })
})
