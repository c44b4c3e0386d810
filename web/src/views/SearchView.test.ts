import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createTestRouter } from '../router.ts'
import { mockApi, settle, type MockApi } from '../testing/mock-fetch.ts'
import { documentsAnswer, renderingsAnswer, searchAnswer } from '../testing/fixtures.ts'
import SearchView from './SearchView.vue'

let api: MockApi
let wrapper: VueWrapper | null = null

beforeEach(() => {
  api = mockApi().on('GET', '/api/documents', documentsAnswer).on('GET', '/api/renderings', renderingsAnswer).on('GET', '/api/search', searchAnswer)
})
afterEach(() => {
  wrapper?.unmount()
  wrapper = null
  api.restore()
})

async function open(url: string) {
  const router = createTestRouter()
  await router.push(url)
  await router.isReady()
  wrapper = mount(SearchView, { global: { plugins: [router] }, attachTo: document.body })
  await settle()
  return { w: wrapper, router }
}

function press(key: string, target: EventTarget = window) {
  target.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }))
}

describe('SearchView', () => {
  it('says what to do when there is no query, and searches nothing', async () => {
    const { w } = await open('/')
    expect(w.text()).toContain('How was this translated before?')
    expect(api.calls.some((c) => c.path === '/api/search')).toBe(false)
  })

  it('shows a loading state in words while searching', async () => {
    api.hold()
    const { w } = await open('/?q=可持续发展')
    expect(w.find('[role=status].loading').text()).toBe('Searching…')
    api.release()
    await settle()
    expect(w.find('.loading').exists()).toBe(false)
  })

  it('shows rows with the query and each rendering highlighted, Arabic right to left', async () => {
    const { w } = await open('/?q=可持续发展')
    const search = api.calls.find((c) => c.path === '/api/search')!
    expect(search.query.get('q')).toBe('可持续发展')
    expect(w.find('[data-test=detected]').text()).toBe('Detected Chinese')
    const rows = w.findAll('article.hit')
    expect(rows).toHaveLength(2)
    const first = rows[0]
    expect(first.find('[data-lang=zh] mark.query').text()).toBe('可持续发展')
    expect(first.find('[data-lang=en] mark.rendering').text()).toBe('Sustainable Development')
    // offsets from the server's example for this group win over a text match
    expect(first.find('[data-lang=fr] mark.rendering').text()).toBe('objectifs de développement durable')
    const ar = first.find('[data-lang=ar]')
    expect(ar.attributes('dir')).toBe('rtl')
    expect(ar.find('mark.rendering').text()).toBe('التنمية المستدامة')
    // a form of the rendering is found too
    expect(rows[1].find('[data-lang=ar] mark.rendering').text()).toBe('بالتنمية المستدامة')
    // a language with no aligned segment says so
    expect(rows[1].find('[data-lang=fr]').text()).toContain('not aligned')
    // markup in a segment is text
    expect(w.find('article.hit img').exists()).toBe(false)
    expect(rows[1].find('[data-lang=zh]').text()).toContain('<img src=x onerror=alert(1)>')
  })

  it('draws the renderings per language with counts and shares; a click filters the rows', async () => {
    const { w, router } = await open('/?q=可持续发展')
    const bars = w.findAll('.rendering-bar')
    expect(bars.map((b) => b.text())).toContain('Sustainable Development2 · 100%')
    const arBar = bars.find((b) => b.text().startsWith('بالتنمية المستدامة'))!
    await arBar.trigger('click')
    await settle()
    expect(router.currentRoute.value.query.r).toBe('ar:بالتنمية المستدامة')
    const rows = w.findAll('article.hit')
    expect(rows).toHaveLength(1)
    expect(rows[0].find('[data-lang=en]').text()).toContain('High-level political forum')
    expect(w.text()).toContain('whose Arabic side has')
  })

  it('says so when nothing is found, and shows API errors in words', async () => {
    api.on('GET', '/api/search', { ...searchAnswer, query: 'zzz', total: 0, hits: [], detected: null, languages: ['en', 'fr', 'es'] })
    const { w, router } = await open('/?q=zzz')
    expect(w.text()).toContain('No segment contains “zzz”')
    expect(w.find('[data-test=detected]').text()).toBe('Latin script: searching English, French, Spanish')
    api.fail('GET', '/api/search', 503, 'not_ready', 'The memory is still being imported; try again in a moment.')
    await router.push('/?q=again')
    await settle()
    expect(w.find('[role=alert]').text()).toBe('The memory is still being imported; try again in a moment.')
  })

  it('names the language of a Latin-script query from the renderings detection', async () => {
    api
      .on('GET', '/api/search', { ...searchAnswer, query: 'développement durable', detected: null, languages: ['en', 'fr', 'es'] })
      .on('GET', '/api/renderings', { ...renderingsAnswer, term: 'développement durable', language: 'fr', detected: true })
    const { w } = await open('/?q=développement durable')
    expect(w.find('[data-test=detected]').text()).toBe('Detected French · searching English, French, Spanish')
  })

  it('says why there are no renderings when the server gives a reason (a document not aligned yet)', async () => {
    const note = 'E/2024/30 has no aligned segments yet (it needs at least two language versions): add a language version to align it, or search the whole memory'
    api.on('GET', '/api/renderings', { ...renderingsAnswer, occurrences: 0, examined: 0, occurrencesWithTarget: {}, renderings: { en: [], fr: [], ar: [] }, note })
    const { w } = await open('/?q=可持续发展&doc=E-2024-30')
    expect(w.find('[data-test=renderings-note]').text()).toBe(note)
    expect(w.find('.renderings').exists()).toBe(false)
  })

  it('keeps the query, document and languages in the URL', async () => {
    const { w, router } = await open('/?q=可持续发展&doc=sdg&show=zh,en')
    const search = api.calls.find((c) => c.path === '/api/search')!
    expect(search.query.get('doc')).toBe('sdg')
    expect(w.findAll('article.hit')[0].findAll('.cell').map((c) => c.attributes('data-lang'))).toEqual(['zh', 'en'])
    await w.find('input[type=search]').setValue('human rights')
    await w.find('form').trigger('submit')
    await settle()
    expect(router.currentRoute.value.query).toMatchObject({ q: 'human rights', doc: 'sdg', show: 'zh,en' })
    await w.findAll('.chip').find((c) => c.text() === 'AR')!.trigger('click')
    await settle()
    expect(router.currentRoute.value.query.show).toBe('zh,en,ar')
  })

  it('moves between rows with j and k, opens one with Enter, and focuses the box with /', async () => {
    const { w, router } = await open('/?q=可持续发展')
    const rows = () => w.findAll('article.hit')
    expect(rows()[0].classes()).toContain('active')
    press('j')
    await settle()
    expect(rows()[1].classes()).toContain('active')
    press('j')
    await settle()
    expect(rows()[1].classes()).toContain('active')
    press('k')
    await settle()
    expect(rows()[0].classes()).toContain('active')
    press('/')
    expect(document.activeElement).toBe(w.find('input[type=search]').element)
    // typing j in the box does not move rows
    press('j', w.find('input[type=search]').element)
    await settle()
    expect(rows()[0].classes()).toContain('active')
    ;(document.activeElement as HTMLElement).blur()
    press('j')
    await settle()
    press('Enter')
    await flushPromises()
    await vi.waitFor(() => expect(router.currentRoute.value.name).toBe('alignment'), { timeout: 10_000 })
    expect(router.currentRoute.value.params.doc).toBe('sdg')
    expect(router.currentRoute.value.query).toMatchObject({ level: 'sentence', group: '102', q: '可持续发展' })
  })

  describe('long queries and API errors: one plain sentence at most', () => {
    const calls = (path: string) => api.calls.filter((c) => c.path === path)
    /** Every error-looking line in the view. */
    const errorLines = (w: VueWrapper) => [...w.findAll('[role=alert]'), ...w.findAll('[data-test=renderings-note]')].map((e) => e.text())

    it('caps the search box at the server limit of 500 characters', async () => {
      const { w } = await open('/')
      expect(w.find('input[name=q]').attributes('maxlength')).toBe('500')
    })

    it('says a pasted over-long query is too long, once, without asking the server', async () => {
      const long = '可持续发展'.repeat(130) // 650 characters
      const { w } = await open(`/?q=${encodeURIComponent(long)}`)
      expect(errorLines(w)).toEqual(['The search text is 650 characters long; the limit is 500. Shorten it and search again.'])
      expect(calls('/api/search')).toHaveLength(0)
      expect(calls('/api/renderings')).toHaveLength(0)
    })

    it('searches a 300-character passage but does not ask for renderings (limit 200), and says why in one line', async () => {
      const passage = 'sustainable development '.repeat(13).slice(0, 300).trim()
      const { w } = await open(`/?q=${encodeURIComponent(passage)}`)
      expect(calls('/api/search')).toHaveLength(1)
      expect(calls('/api/renderings')).toHaveLength(0)
      expect(w.findAll('[role=alert]')).toHaveLength(0)
      expect(w.find('[data-test=renderings-note]').text()).toContain('up to 200 characters')
    })

    it('turns a validation error naming the field into one sentence and asks nothing more', async () => {
      api.fail('GET', '/api/search', 400, 'bad_request', 'q: the search text is longer than the limit of 500 characters.')
      api.fail('GET', '/api/renderings', 400, 'bad_request', 'q is too long: at most 200 characters.')
      const { w } = await open('/?q=development')
      expect(errorLines(w)).toEqual(['The search text is longer than the limit of 500 characters.'])
      expect(calls('/api/renderings')).toHaveLength(0)
    })

    it('says a renderings failure in plain words when the search itself worked', async () => {
      api.fail('GET', '/api/renderings', 400, 'bad_request', 'q is too long: at most 200 characters')
      const { w } = await open('/?q=development')
      expect(errorLines(w)).toEqual(['Renderings unavailable: the search text is too long: at most 200 characters.'])
    })
  })
})
