import { mount, type VueWrapper } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { GlossaryEntry, TermsResponse } from '../api/terminology.ts'
import { documentsAnswer } from '../testing/fixtures.ts'
import { createTestRouter } from '../router.ts'
import { mockApi, settle, type MockApi, type RecordedCall } from '../testing/mock-fetch.ts'
import GlossaryView from './GlossaryView.vue'

const entry: GlossaryEntry = {
  id: 7,
  concept: null,
  status: 'candidate',
  note: null,
  origin: 'mined',
  score: 12.5,
  frequency: 23,
  terms: [
    { lang: 'zh', text: '可持续发展', usage: 'preferred' },
    { lang: 'en', text: 'sustainable development', usage: 'preferred' },
    { lang: 'ar', text: 'التنمية المستدامة', usage: 'preferred' },
  ],
  refs: [{ groupId: 483, documentSymbol: 'A/RES/71/313', paragraphLabel: '14' }],
  createdAt: 1,
  updatedAt: 1,
}

const terms: TermsResponse = {
  language: 'zh',
  document: null,
  tookMs: 5,
  candidates: [
    {
      term: '联合国毒品和犯罪问题办公室',
      language: 'zh',
      frequency: 9,
      score: 30.1,
      glossaryEntryId: null,
      renderings: {
        en: [{ text: 'United Nations Office on Drugs and Crime', count: 9, share: 1 }],
        fr: [{ text: 'Office des Nations Unies contre la drogue et le crime', count: 8, share: 0.89 }],
        ar: [{ text: 'مكتب الأمم المتحدة المعني بالمخدرات والجريمة', count: 9, share: 1 }],
      },
    },
  ],
}

let api: MockApi
let wrapper: VueWrapper | null = null
beforeEach(() => {
  api = mockApi()
    .on('GET', '/api/glossary', { entries: [entry], total: 1, page: 1, pageSize: 50 })
    .on('PATCH', '/api/glossary/7', (c: RecordedCall) => ({ ...entry, ...(c.body as object) }))
    .on('POST', '/api/glossary', (c: RecordedCall) => ({ ...entry, id: 8, ...(c.body as object) }))
    .on('GET', '/api/terms', terms)
    .on('GET', '/api/documents', documentsAnswer)
})
afterEach(() => {
  wrapper?.unmount()
  api.restore()
})

async function open(url = '/glossary?status=candidate') {
  const router = createTestRouter()
  await router.push(url)
  await router.isReady()
  wrapper = mount(GlossaryView, { global: { plugins: [router] }, attachTo: document.body })
  await settle()
  return { w: wrapper, router }
}

describe('GlossaryView', () => {
  it('lists candidates with renderings per language, Arabic right to left', async () => {
    const { w } = await open()
    expect(api.calls.find((c) => c.path === '/api/glossary')!.query.get('status')).toBe('candidate')
    const row = w.find('tr[data-entry="7"]')
    expect(row.find('.term').text()).toBe('可持续发展')
    expect(row.find('[data-lang=en]').text()).toBe('sustainable development')
    expect(row.find('[data-lang=ar]').attributes('dir')).toBe('rtl')
  })

  it('approves a candidate through the API', async () => {
    const { w } = await open()
    await w.findAll('tr[data-entry="7"] button').find((b) => b.text() === 'Approve')!.trigger('click')
    await settle()
    const patch = api.calls.find((c) => c.method === 'PATCH')!
    expect(patch.path).toBe('/api/glossary/7')
    expect(patch.body).toEqual({ status: 'approved' })
    expect(w.find('tr[data-entry="7"] .badge').text()).toBe('approved')
    expect(w.find('.notice.ok').text()).toBe('Approved “可持续发展”.')
  })

  it('edits a rendering and a note, keeping the replaced rendering as deprecated', async () => {
    const { w, router } = await open()
    await w.find('tr[data-entry="7"] .term-link').trigger('click')
    await settle()
    expect(router.currentRoute.value.query.entry).toBe('7')
    await w.find('input[aria-label="English rendering"]').setValue('Sustainable Development')
    await w.find('textarea').setValue('Capitalised in goal titles.')
    await w.find('form.editor').trigger('submit')
    await settle()
    const patch = api.calls.find((c) => c.method === 'PATCH')!
    expect(patch.body).toEqual({
      note: 'Capitalised in goal titles.',
      terms: [
        { lang: 'zh', text: '可持续发展', usage: 'preferred' },
        { lang: 'en', text: 'Sustainable Development', usage: 'preferred' },
        { lang: 'en', text: 'sustainable development', usage: 'deprecated' },
        { lang: 'ar', text: 'التنمية المستدامة', usage: 'preferred' },
      ],
    })
    expect(w.find('.refs a').attributes('href')).toBe('/alignment/sdg?level=sentence&group=483')
  })

  it('approves a mined candidate as a new glossary entry with its top renderings', async () => {
    const { w } = await open('/glossary?status=mined')
    expect(api.calls.find((c) => c.path === '/api/terms')!.query.get('lang')).toBe('zh')
    const row = w.find('tr[data-term="联合国毒品和犯罪问题办公室"]')
    expect(row.find('[data-lang=ar]').attributes('dir')).toBe('rtl')
    await row.findAll('button').find((b) => b.text() === 'Approve')!.trigger('click')
    await settle()
    const post = api.calls.find((c) => c.method === 'POST')!
    expect(post.path).toBe('/api/glossary')
    expect(post.body).toEqual({
      status: 'approved',
      origin: 'mined',
      frequency: 9,
      score: 30.1,
      terms: [
        { lang: 'zh', text: '联合国毒品和犯罪问题办公室', usage: 'preferred' },
        { lang: 'en', text: 'United Nations Office on Drugs and Crime', usage: 'preferred' },
        { lang: 'fr', text: 'Office des Nations Unies contre la drogue et le crime', usage: 'preferred' },
        { lang: 'ar', text: 'مكتب الأمم المتحدة المعني بالمخدرات والجريمة', usage: 'preferred' },
      ],
    })
    expect(w.find('tr[data-term="联合国毒品和犯罪问题办公室"] .badge').text()).toBe('approved')
  })

  it('says so in words when the API fails', async () => {
    api.fail('GET', '/api/glossary', 500, 'internal', 'The glossary could not be read.')
    const { w } = await open()
    expect(w.find('[role=alert]').text()).toBe('The glossary could not be read.')
  })
})
