import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import RenderingsChart from './RenderingsChart.vue'

const renderings = {
  en: [{ text: 'Security Council', count: 163, share: 0.988, dice: 0.9, precision: 0.95, key: 'security council', forms: [], examples: [] }],
}

describe('RenderingsChart', () => {
  it('shows each rendering with its count and share', () => {
    const w = mount(RenderingsChart, { props: { renderings, languages: ['en'] } })
    expect(w.text()).toContain('Security Council')
    expect(w.text()).toContain('163 · 99%')
    expect(w.find('[data-test="renderings-sample"]').exists()).toBe(false)
  })

  it('says when the counts are over a sample of a larger memory', () => {
    const w = mount(RenderingsChart, { props: { renderings, languages: ['en'], sample: { units: 150000, of: 1000000 } } })
    expect(w.find('[data-test="renderings-sample"]').text()).toBe("Counted over an even sample of 150,000 of the memory's 1,000,000 aligned units.")
  })

  it('says when the counts are over an even sample of 300 of more segments with the term', () => {
    const w = mount(RenderingsChart, { props: { renderings, languages: ['en'], occurrences: 341, examined: 300 } })
    expect(w.find('[data-test="renderings-examined"]').text()).toBe('Counts and shares are over an even sample of 300 of the 341 segments with the term.')
    expect(mount(RenderingsChart, { props: { renderings, languages: ['en'], occurrences: 12, examined: 12 } }).find('[data-test="renderings-examined"]').exists()).toBe(false)
  })

  it('says which occurrences were left out as part of a longer term', () => {
    const w = mount(RenderingsChart, { props: { renderings, languages: ['en'], nested: { text: 'least developed countries', occurrences: 32 } } })
    expect(w.find('[data-test="renderings-nested"]').text()).toBe('Not counted: 32 segments where it is part of “least developed countries”.')
  })
})
