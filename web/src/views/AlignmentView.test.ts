import { mount, type VueWrapper } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createTestRouter } from '../router.ts'
import { alignmentAnswer, documentDetail } from '../testing/fixtures.ts'
import { mockApi, settle, type MockApi, type RecordedCall } from '../testing/mock-fetch.ts'
import AlignmentView from './AlignmentView.vue'

let api: MockApi
let wrapper: VueWrapper | null = null

/** What the server answers an edit: the groups in every language; a preview stores nothing. */
const editAnswer = (c: RecordedCall) => ({
  groups: [alignmentAnswer.groups[1]],
  removed: [],
  languages: ['zh', 'en', 'ar'],
  realigned: [],
  sentences: [],
  preview: (c.body as { preview?: boolean }).preview === true,
})

beforeEach(() => {
  api = mockApi()
    .on('GET', '/api/documents/sdg', documentDetail)
    .on('GET', '/api/documents/sdg/alignment', alignmentAnswer)
    .on('POST', /^\/api\/documents\/sdg\/alignment\/(merge|split|relink|confirm)$/, editAnswer)
})
afterEach(() => {
  wrapper?.unmount()
  wrapper = null
  api.restore()
})

async function open(url = '/alignment/sdg') {
  const router = createTestRouter()
  await router.push(url)
  await router.isReady()
  wrapper = mount(AlignmentView, { global: { plugins: [router] }, attachTo: document.body })
  await settle()
  return { w: wrapper, router }
}
const press = (key: string) => window.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }))
const posts = () => api.calls.filter((c) => c.method === 'POST')

describe('AlignmentView', () => {
  it('shows Chinese and one other language bead by bead, coloured by confidence', async () => {
    const { w } = await open()
    const get = api.calls.find((c) => c.path === '/api/documents/sdg/alignment')!
    expect(get.query.get('langs')).toBe('zh,en')
    expect(get.query.get('order')).toBe('document')
    const beads = w.findAll('article.bead')
    expect(beads).toHaveLength(3)
    expect(beads.map((b) => b.classes().find((c) => c.startsWith('conf-')))).toEqual(['conf-high', 'conf-low', 'conf-mid'])
    expect(beads[1].find('[data-lang=en]').text()).toContain('Reaffirming also the Goals.')
  })

  it('highlights the search that led here', async () => {
    const { w } = await open('/alignment/sdg?q=重申')
    expect(w.findAll('article.bead')[1].findAll('[data-lang=zh] mark.query').map((m) => m.text())).toEqual(['重申', '重申'])
  })

  it('asks for lowest confidence first, or all languages, through the URL', async () => {
    const { w, router } = await open()
    await w.find('select[aria-label=Order]').setValue('confidence')
    await settle()
    expect(router.currentRoute.value.query.order).toBe('confidence')
    expect(api.calls.at(-1)!.query.get('order')).toBe('confidence')
    await w.find('select[aria-label="Languages shown"]').setValue('all')
    await settle()
    expect(api.calls.at(-1)!.query.get('langs')).toBe('zh,en,ar')
    expect(w.find('article.bead [data-lang=ar]').attributes('dir')).toBe('rtl')
  })

  it('merges the focused bead with the next one with the keyboard (m) and reloads', async () => {
    const { w } = await open()
    press('j')
    await settle()
    expect(w.findAll('article.bead')[1].classes()).toContain('active')
    const before = api.calls.length
    press('m')
    await settle()
    // first the result, not stored; Enter saves it
    expect(posts()).toHaveLength(1)
    expect(posts()[0].path).toBe('/api/documents/sdg/alignment/merge')
    expect(posts()[0].body).toEqual({ level: 'paragraph', groupIds: [2, 3], preview: true })
    expect(w.find('.edit-preview').text()).toContain('preview, not saved yet')
    press('Enter')
    await settle()
    expect(posts()).toHaveLength(2)
    expect(posts()[1].body).toEqual({ level: 'paragraph', groupIds: [2, 3] })
    expect(api.calls.slice(before).some((c) => c.method === 'GET' && c.path === '/api/documents/sdg/alignment')).toBe(true)
    expect(w.find('.notice.ok').text()).toContain('Merged bead 2 with bead 3')
    expect(w.find('.edit-preview').exists()).toBe(false)
  })

  it('merges selected beads by mouse', async () => {
    const { w } = await open()
    const boxes = w.findAll('article.bead input[type=checkbox]')
    await boxes[0].setValue(true)
    await boxes[2].setValue(true)
    await w.findAll('.selection-bar button').find((b) => b.text().startsWith('Merge selected'))!.trigger('click')
    await settle()
    expect(posts()[0].body).toEqual({ level: 'paragraph', groupIds: [1, 3], preview: true })
  })

  it('splits a bead where the user puts the cut, by keyboard and mouse', async () => {
    const { w } = await open()
    press('j')
    press('s')
    await settle()
    const bead = w.findAll('article.bead')[1]
    expect(bead.classes()).toContain('splitting')
    // move the Arabic cut: Arabic is not shown (zh + en), so set the English cut by mouse to "all stay"
    await bead.find('[data-lang=en] button[aria-label="Keep all English segments in this bead"]').trigger('click')
    press('Enter')
    await settle()
    expect(posts()[0].path).toBe('/api/documents/sdg/alignment/split')
    expect(posts()[0].body).toEqual({ level: 'paragraph', groupId: 2, at: { zh: 1, en: 2 }, preview: true })
  })

  it('refuses a split that moves nothing, in words, without calling the API', async () => {
    const { w } = await open()
    press('s')
    await settle()
    press('Enter')
    await settle()
    expect(posts()).toHaveLength(0)
    expect(w.find('.notice.error').text()).toContain('nothing would move')
  })

  it('moves a language to the previous bead (relink) and confirms a bead', async () => {
    const { w } = await open()
    press('j')
    press('l')
    await settle()
    press('[')
    await settle()
    expect(posts()[0].path).toBe('/api/documents/sdg/alignment/relink')
    expect(posts()[0].body).toEqual({ level: 'paragraph', lang: 'en', memberIds: [22, 23], toGroupId: 1, shown: ['zh', 'en'], preview: true })
    press('Enter')
    await settle()
    expect(posts()[1].body).toEqual({ level: 'paragraph', lang: 'en', memberIds: [22, 23], toGroupId: 1, shown: ['zh', 'en'] })
    await vi.waitFor(() => expect(w.find('article.bead.active').exists()).toBe(true))
    await w.find('article.bead.active .bead-actions button:nth-child(3)').trigger('click')
    await settle()
    expect(posts()[2].path).toBe('/api/documents/sdg/alignment/confirm')
    expect(posts()[2].body).toMatchObject({ level: 'paragraph', confirmed: true, preview: true })
  })

  it('moves segments across the page edge to the bead on the previous page', async () => {
    const edge = { ...alignmentAnswer.groups[0], id: 99, ordinal: 49 }
    api.on('GET', '/api/documents/sdg/alignment', (c: RecordedCall) =>
      c.query.get('pageSize') === '1' ? { ...alignmentAnswer, page: 50, pageSize: 1, total: 53, groups: [edge] } : { ...alignmentAnswer, page: 2, total: 53 },
    )
    const { w } = await open('/alignment/sdg?page=2')
    const edgeCall = api.calls.find((c) => c.query.get('pageSize') === '1')!
    expect(edgeCall.query.get('page')).toBe('50')
    await vi.waitFor(() => expect(w.find('article.bead.active .cell-actions button').attributes('disabled')).toBeUndefined())
    press('[')
    await settle()
    expect(posts()[0].body).toEqual({ level: 'paragraph', lang: 'en', memberIds: [11], toGroupId: 99, shown: ['zh', 'en'], preview: true })
  })

  it('shows an API refusal in words', async () => {
    api.fail('POST', '/api/documents/sdg/alignment/merge', 409, 'conflict', 'These beads lie in different paragraphs and cannot be merged.')
    const { w } = await open()
    press('m')
    await settle()
    expect(w.find('.notice.error').text()).toBe('Merged bead 1 with bead 2 failed: These beads lie in different paragraphs and cannot be merged.')
  })

  describe('beads with no text in the languages shown', () => {
    // bead 2 (id 7) has only Arabic: with Chinese + English shown it has nothing to show
    const [g1, g2, g3] = alignmentAnswer.groups
    const arabicOnly = { ...g2, id: 7, ordinal: 1, members: { zh: [], en: [], ar: [{ id: 70, ordinal: 0, blockOrdinal: 1, text: 'فقرة بالعربية فقط.', label: null, kind: 'paragraph' as const }] } }
    const page = { ...alignmentAnswer, total: 4, groups: [g1, arabicOnly, { ...g2, ordinal: 2 }, { ...g3, ordinal: 3 }] }
    beforeEach(() => {
      api.on('GET', '/api/documents/sdg/alignment', page)
    })

    it('are not listed, and a muted line says how many were left out', async () => {
      const { w } = await open()
      expect(w.findAll('article.bead').map((b) => b.attributes('data-group'))).toEqual(['1', '2', '3'])
      expect(w.find('.hidden-beads').text()).toContain('1 bead on this page has no text in Chinese or English')
      await w.find('select[aria-label="Languages shown"]').setValue('all')
      await settle()
      expect(w.findAll('article.bead').map((b) => b.attributes('data-group'))).toEqual(['1', '7', '2', '3'])
      expect(w.find('.hidden-beads').exists()).toBe(false)
    })

    it('are skipped by keyboard navigation, and merged along when they lie between two listed beads', async () => {
      const { w } = await open()
      press('j')
      await settle()
      expect(w.find('article.bead.active').attributes('data-group')).toBe('2')
      press('k')
      await settle()
      expect(w.find('article.bead.active').attributes('data-group')).toBe('1')
      press('m')
      await settle()
      expect(posts()[0].body).toEqual({ level: 'paragraph', groupIds: [1, 7, 2], preview: true })
      press('Enter')
      await settle()
      expect(w.find('.notice.ok').text()).toContain('Merged bead 1 with bead 3 (with the bead between them that has no text in the languages shown)')
    })

    it('never take a relink: moving English to the previous listed bead skips them', async () => {
      await open()
      press('j')
      press('l')
      await settle()
      press('[')
      await settle()
      expect(posts()[0].body).toEqual({ level: 'paragraph', lang: 'en', memberIds: [22, 23], toGroupId: 1, shown: ['zh', 'en'], preview: true })
    })

    it('are named when a link points at one of them', async () => {
      const { w } = await open('/alignment/sdg?group=7')
      await vi.waitFor(() => expect(w.find('.notice.error').text()).toBe('That row has no text in the languages shown: choose all languages to see it.'))
      await w.find('.hidden-beads button').trigger('click')
      await settle()
      expect(w.find('article.bead.active').attributes('data-group')).toBe('7')
    })

    it('say so instead of an empty list when no bead of the page has text in the languages shown', async () => {
      api.on('GET', '/api/documents/sdg/alignment', { ...alignmentAnswer, total: 1, groups: [arabicOnly] })
      const { w } = await open()
      expect(w.findAll('article.bead')).toHaveLength(0)
      expect(w.find('.hidden-beads').text()).toContain('1 bead on this page has no text in Chinese or English')
      expect(w.find('.state.empty').exists()).toBe(false)
    })
  })

  describe('edits made with two languages shown keep every language right', () => {
    const [g1, g2, g3] = alignmentAnswer.groups
    it('a split shows its result in all the languages before it is stored, the realigned ones marked', async () => {
      const first = { ...g2, members: { zh: g2.members.zh!.slice(0, 1), en: g2.members.en!.slice(0, 1), ar: g2.members.ar } }
      const second = { ...g2, id: 8, ordinal: 2, members: { zh: g2.members.zh!.slice(1), en: g2.members.en!.slice(1), ar: [] } }
      api.on('POST', '/api/documents/sdg/alignment/split', (c: RecordedCall) => ({
        groups: [first, second], removed: [], languages: ['zh', 'en', 'ar'], realigned: ['ar'], sentences: [], preview: (c.body as { preview?: boolean }).preview === true,
      }))
      const { w } = await open()
      press('j')
      press('s')
      await settle()
      press('Enter')
      await settle()
      expect(posts()).toHaveLength(1)
      const preview = w.find('.edit-preview')
      expect(preview.text()).toContain('in all 3 languages')
      expect(preview.text()).toContain('Arabic (not given a place in this view) realigned against Chinese')
      expect(preview.findAll('.preview-bead')).toHaveLength(2)
      expect(preview.find('.preview-bead[data-group="2"] .preview-cell[data-lang=ar]').text()).toContain('إذ تعيد تأكيد قرارها 70/1.')
      expect(preview.find('.preview-bead[data-group="2"] .preview-cell[data-lang=ar]').classes()).toContain('realigned')
      await preview.find('button.primary').trigger('click')
      await settle()
      expect(posts()[1].body).toEqual({ level: 'paragraph', groupId: 2, at: { zh: 1, en: 1 } })
      expect(w.find('.notice.ok').text()).toBe('Split bead 2 into beads 2 and 3. Arabic realigned against Chinese. Saved.')
    })

    it('Escape cancels a previewed edit: nothing is stored', async () => {
      const { w } = await open()
      press('m')
      await settle()
      expect(w.find('.edit-preview').exists()).toBe(true)
      press('Escape')
      await settle()
      expect(w.find('.edit-preview').exists()).toBe(false)
      expect(posts()).toHaveLength(1)
      expect(w.find('.notice.ok').text()).toContain('nothing was changed')
    })

    it('confirm shows the languages not shown first, and says which languages it covers', async () => {
      const { w } = await open()
      press('j')
      press('c')
      await settle()
      expect(posts()).toHaveLength(1)
      expect(posts()[0].body).toEqual({ level: 'paragraph', groupIds: [2], confirmed: true, languages: ['zh', 'en', 'ar'], preview: true })
      const preview = w.find('.edit-preview')
      expect(preview.find('.preview-cell[data-lang=ar]').text()).toContain('not shown above')
      expect(preview.find('button.primary').text()).toContain('Confirm in Chinese, English and Arabic')
      press('Enter')
      await settle()
      expect(posts()[1].body).toEqual({ level: 'paragraph', groupIds: [2], confirmed: true, languages: ['zh', 'en', 'ar'] })
      expect(w.find('.notice.ok').text()).toBe('Confirmed bead 2 in Chinese, English and Arabic. Saved.')
    })

    it('confirm with every language shown is stored at once and names them', async () => {
      const { w } = await open('/alignment/sdg?show=all')
      press('c')
      await settle()
      expect(posts()).toHaveLength(1)
      expect(posts()[0].body).toEqual({ level: 'paragraph', groupIds: [1], confirmed: true, languages: ['zh', 'en', 'ar'] })
      expect(w.find('.notice.ok').text()).toContain('in Chinese, English and Arabic')
    })

    it('a merge notice names the bead by its number after the edit', async () => {
      // beads are renumbered by the merge: the merged bead is now number 12
      api.on('POST', '/api/documents/sdg/alignment/merge', (c: RecordedCall) => ({
        groups: [{ ...g1, ordinal: 11 }], removed: [2], languages: ['zh', 'en', 'ar'], realigned: [], sentences: [g3], preview: (c.body as { preview?: boolean }).preview === true,
      }))
      const { w } = await open()
      press('m')
      await settle()
      expect(w.find('.edit-preview .preview-number').text()).toBe('Bead 12')
      expect(w.find('.edit-preview').text()).toContain('The sentences inside are realigned (1 sentence bead)')
      press('Enter')
      await settle()
      expect(w.find('.notice.ok').text()).toBe('Merged bead 1 with bead 2: now bead 12. The sentences inside realigned (1 sentence bead). Saved.')
    })

    it('a confirmed bead no longer says "check"', async () => {
      api.on('GET', '/api/documents/sdg/alignment', { ...alignmentAnswer, groups: [{ ...g2, flagged: true, confirmed: true }, { ...g3, flagged: true }] })
      const { w } = await open()
      const beads = w.findAll('article.bead')
      expect(beads[0].find('.badge.warn').exists()).toBe(false)
      expect(beads[0].text()).toContain('confirmed')
      expect(beads[1].find('.badge.warn').text()).toBe('check')
    })
  })

  it('names the language choice in words for one or two languages (no "All 1 languages")', async () => {
    api.on('GET', '/api/documents/sdg', { ...documentDetail, languages: ['zh'], alignment: { ...documentDetail.alignment, state: 'none', languages: [] } })
    const { w } = await open()
    const options = w.findAll('select[aria-label="Languages shown"] option').map((o) => o.text())
    expect(options).toEqual(['Chinese only'])
    wrapper?.unmount()
    api.on('GET', '/api/documents/sdg', { ...documentDetail, languages: ['zh', 'en'], alignment: { ...documentDetail.alignment, languages: ['zh', 'en'] } })
    const two = await open()
    expect(two.w.findAll('select[aria-label="Languages shown"] option').map((o) => o.text())).toEqual(['Chinese + English'])
    two.w.unmount()
    api.on('GET', '/api/documents/sdg', { ...documentDetail, languages: [], alignment: { ...documentDetail.alignment, state: 'none', languages: [] } })
    const none = await open()
    expect(none.w.find('select[aria-label="Languages shown"]').exists()).toBe(false)
    expect(none.w.text()).not.toMatch(/All \d languages/)
  })
})
