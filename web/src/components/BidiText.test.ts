import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import BidiText from './BidiText.vue'

describe('BidiText', () => {
  it('isolates each quoted part so Arabic does not reorder the sentence, as text', () => {
    const text = '"人人有权" is rendered "لكل شخص الحق" 4× but "<b>x</b>" 5×'
    const w = mount(BidiText, { props: { text } })
    expect(w.findAll('bdi').map((b) => b.text())).toEqual(['"人人有权"', '"لكل شخص الحق"', '"<b>x</b>"'])
    expect(w.find('b').exists()).toBe(false)
    expect(w.text()).toBe(text)
  })
})
