import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import SegmentText from './SegmentText.vue'

describe('SegmentText', () => {
  it('highlights the query from offsets as text inside <mark>', () => {
    const w = mount(SegmentText, {
      props: { text: '关于可持续发展的决议', lang: 'zh', spans: [{ start: 2, end: 7, kind: 'query' }] },
    })
    const marks = w.findAll('mark')
    expect(marks).toHaveLength(1)
    expect(marks[0].text()).toBe('可持续发展')
    expect(marks[0].classes()).toContain('query')
    expect(w.text()).toBe('关于可持续发展的决议')
    expect(w.attributes('lang')).toBe('zh')
    expect(w.attributes('dir')).toBe('ltr')
  })

  it('shows markup in a segment as text, never as HTML', () => {
    const text = 'See <img src=x onerror=alert(1)> and <b>bold</b>'
    const w = mount(SegmentText, { props: { text, lang: 'en', spans: [{ start: 4, end: 32, kind: 'rendering' }] } })
    expect(w.find('img').exists()).toBe(false)
    expect(w.find('b').exists()).toBe(false)
    expect(w.text()).toBe(text)
    expect(w.find('mark.rendering').text()).toBe('<img src=x onerror=alert(1)>')
    expect(w.html()).toContain('&lt;img src=x onerror=alert(1)&gt;')
  })

  it('marks Arabic text right to left', () => {
    const w = mount(SegmentText, { props: { text: 'الأمم المتحدة', lang: 'ar', spans: [{ start: 0, end: 5, kind: 'rendering' }] } })
    expect(w.attributes('dir')).toBe('rtl')
    expect(w.attributes('lang')).toBe('ar')
    expect(w.find('mark').text()).toBe('الأمم')
  })
})
