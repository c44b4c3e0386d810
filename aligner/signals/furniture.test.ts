import { describe, expect, it } from 'vitest'
import { isFurniture } from './furniture.ts'

describe('page furniture', () => {
  it('recognises page numbers, symbols, job numbers and barcodes', () => {
    for (const line of ['12', '- 3 -', 'E/2024/30', 'E/CN.15/2024/16', 'A/69/767 5', '24-08123 (C)', 'V.24-01234', 'GE.15-12345', '*2408123*', 'Please recycle'])
      expect(isFurniture(line), line).toBe(true)
  })
  it('leaves text alone', () => {
    for (const line of ['第六十九届会议', 'Sixty-ninth session', '99. The Commission recommends', 'See E/2024/30, para. 5.', '2015年3月11日'])
      expect(isFurniture(line), line).toBe(false)
  })
})
