import { mount, type VueWrapper } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ReviewResponse } from '../api/terminology.ts'
import { createTestRouter } from '../router.ts'
import { documentsAnswer } from '../testing/fixtures.ts'
import { mockApi, settle, type MockApi } from '../testing/mock-fetch.ts'
import ReviewView from './ReviewView.vue'

const report: ReviewResponse = {
  document: 'sdg',
  sourceLang: 'zh',
  units: 2,
  counts: { number: 1, untranslated: 1 },
  tookMs: 4,
  findings: [
    {
      key: 'number:483:en:2030',
      kind: 'number',
      severity: 'error',
      sourceLang: 'zh',
      targetLang: 'en',
      groupIds: [483],
      documentSymbol: 'A/RES/71/313',
      paragraphLabel: '14',
      message: '“2030” is in the Chinese but not in the English.',
      segments: [
        { groupId: 483, lang: 'zh', text: '到2030年实现目标', spans: [{ start: 1, end: 5 }] },
        { groupId: 483, lang: 'en', text: 'Achieve the goals by 2013', spans: [{ start: 21, end: 25 }] },
      ],
      accepted: false,
    },
    {
      key: 'untranslated:9:ar',
      kind: 'untranslated',
      severity: 'warning',
      sourceLang: 'en',
      targetLang: 'ar',
      groupIds: [9],
      documentSymbol: 'A/RES/71/313',
      paragraphLabel: null,
      message: 'The Arabic is a copy of the English.',
      segments: [{ groupId: 9, lang: 'ar', text: 'General Assembly', spans: [] }],
      accepted: true,
    },
  ],
}

let api: MockApi
let wrapper: VueWrapper | null = null
beforeEach(() => {
  api = mockApi().on('GET', '/api/documents', documentsAnswer).on('GET', '/api/review', report).on('POST', '/api/review/accept', { accepted: true })
})
afterEach(() => {
  wrapper?.unmount()
  api.restore()
})

async function open(url = '/review?doc=sdg') {
  const router = createTestRouter()
  await router.push(url)
  await router.isReady()
  wrapper = mount(ReviewView, { global: { plugins: [router] }, attachTo: document.body })
  await settle()
  return { w: wrapper, router }
}

describe('ReviewView', () => {
  it('groups findings by kind, with their segments in context, hiding accepted ones', async () => {
    const { w } = await open()
    expect(api.calls.find((c) => c.path === '/api/review')!.query.get('doc')).toBe('sdg')
    const numbers = w.find('[data-kind=facts]')
    expect(numbers.find('.message').text()).toContain('2030')
    expect(numbers.findAll('mark').map((m) => m.text())).toEqual(['2030', '2013'])
    // the alignment view opens on the finding's other language, where its segment is
    expect(numbers.find('a').attributes('href')).toBe('/alignment/sdg?level=sentence&group=483&show=en')
    expect(w.find('[data-kind=untranslated]').text()).toContain('All accepted.')
  })

  it('says why there is nothing to check (a document with one language version)', async () => {
    api.on('GET', '/api/review', { document: 'E/2024/30', sourceLang: 'zh', units: 0, counts: {}, findings: [], note: 'E/2024/30 has no aligned segments yet (it needs at least two language versions): add a language version to check it', tookMs: 3 })
    const { w } = await open('/review?doc=E-2024-30')
    expect(w.text()).toContain('Nothing to check: E/2024/30 has no aligned segments yet (it needs at least two language versions): add a language version to check it.')
  })

  it('marks a finding accepted through the API', async () => {
    const { w } = await open()
    await w.find('[data-kind=facts] .finding-head button').trigger('click')
    await settle()
    const post = api.calls.find((c) => c.method === 'POST')!
    expect(post.path).toBe('/api/review/accept')
    expect(post.body).toEqual({ key: 'number:483:en:2030', note: null })
    expect(w.find('[data-kind=facts]').text()).toContain('All accepted.')
  })
})
