import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import { settle } from '../testing/mock-fetch.ts'
import UploadZone from './UploadZone.vue'

function drop(files: File[]): DragEvent {
  const event = new Event('drop', { bubbles: true, cancelable: true }) as DragEvent
  Object.defineProperty(event, 'dataTransfer', { value: { files } })
  return event
}

describe('UploadZone', () => {
  it('refuses a file it cannot read, in words, and asks for the language when the name does not tell', async () => {
    const w = mount(UploadZone, { props: { doc: 'sdg' } })
    w.find('.dropzone').element.dispatchEvent(drop([new File(['x'], 'setup.exe'), new File(['摘要'], 'notes.txt')]))
    await settle()
    const items = w.findAll('.uploads li:not(.uploads-foot)')
    expect(items).toHaveLength(2)
    expect(items[0].classes()).toContain('error')
    expect(items[0].text()).toContain('Not a file Sixfold reads')
    expect(items[1].find('select').element.value).toBe('')
    expect(items[1].text()).toContain('Choose the language to upload')
  })
})
