/**
 * Joining wrapped lines and tidying block text, per language.
 *
 * Chinese lines join without a space (a space is kept between two Latin words, as in "Cyril Gout");
 * other languages join with a space, and a Latin or Cyrillic word hyphenated at a line end is made
 * whole again unless the document spells it with a hyphen elsewhere.
 */
import type { Lang } from '../types.ts'

const CJK = String.raw`\p{Script=Han}\u3000-\u303F\uFF00-\uFF65\u2018\u2019\u201C\u201D\u2014\u2026\u00B7`
const CJK_GAP = new RegExp(`(?<=[${CJK}])[ \\t\\u00A0]+(?=[${CJK}])`, 'gu')

export function isCjk(ch: string | undefined): boolean {
  return !!ch && new RegExp(`[${CJK}]`, 'u').test(ch)
}

/** Join the (trimmed) lines of one block. `spelledWithHyphen` tells whether a hyphenated word is a real compound. */
export function joinLines(lines: string[], lang: Lang, spelledWithHyphen?: (word: string) => boolean): string {
  let out = ''
  for (const raw of lines) {
    const line = raw.replace(/\u00AD/g, '').trim()
    if (!line) continue
    if (!out) {
      out = line
      continue
    }
    const last = out[out.length - 1]
    const first = line[0]
    if (lang === 'zh') {
      const latinBoth = /[A-Za-z0-9]/.test(last) && /[A-Za-z0-9]/.test(first)
      out += latinBoth && !/[\/\-]$/.test(out) ? ` ${line}` : line
      continue
    }
    const hyphen = /([\p{L}]+)-$/u.exec(out)
    if (hyphen && /^\p{Ll}/u.test(first)) {
      const tail = /^[\p{L}]+/u.exec(line)?.[0] ?? ''
      const compound = `${hyphen[1]}-${tail}`
      if (!spelledWithHyphen?.(compound)) {
        out = out.slice(0, -1) + line
        continue
      }
      out += line
      continue
    }
    // Symbols and links broken after a slash continue without a space.
    if (/\/$/.test(out) && /^[A-Za-z0-9]/.test(first)) {
      out += line
      continue
    }
    out += ` ${line}`
  }
  return out
}

/** Tidy a block's text: collapse white space; in Chinese, drop spaces between Chinese characters and punctuation (but not between table cells). */
export function tidy(text: string, lang: Lang, keepCells = false): string {
  let out = text.replace(/[\t\u00A0\u2000-\u200B\u3000]/g, (c) => (c === '\u3000' && lang === 'zh' ? '' : ' ')).replace(/ {2,}/g, ' ').trim()
  if (lang === 'zh' && !keepCells) out = out.replace(CJK_GAP, '')
  return out
}

/** Display width of a line: Chinese characters count two. */
export function displayWidth(text: string): number {
  let w = 0
  for (const ch of text) w += /[\p{Script=Han}\u3000-\u303F\uFF00-\uFF65]/u.test(ch) ? 2 : 1
  return w
}
