/**
 * Folding for search: the text stored in `sentences.norm` (and indexed by the
 * trigram FTS table) and the query are folded the same way, so that a query
 * matches whatever case, accents or script variants the text was written with.
 *
 * The rules go by script, not by declared language, so a query folds the same
 * way whichever language it is searched in:
 * - Latin: lower case; accents and other combining marks removed (é → e, ñ → n, ç → c), œ → oe, æ → ae, ß → ss.
 * - Cyrillic: lower case; ё → е (й is kept: it is a letter of its own).
 * - Greek and others: lower case.
 * - Arabic: harakat, tanwin, shadda, sukun, superscript alef and Quranic marks
 *   removed; tatweel removed; أ إ آ ٱ → ا; ؤ → و; ئ → ي; ى → ي; ة → ه.
 * - Full-width ASCII (Ａ, ２) → ASCII; every run of white space → one space;
 *   control characters dropped (the FTS index uses char(1) in its language marker).
 * - Han characters get a space on each side (" 发 展 "), so that trigram
 *   search finds one- and two-character Chinese queries: " 发 " and " 发 展 "
 *   are three characters or more. The folded query carries the same spaces.
 *
 * `foldWithMap` also returns, for each folded code unit, the offset of the
 * original code unit it came from, so that matches in the folded text map back
 * to offsets in the original text.
 */

export interface Folded {
  norm: string
  /** map[i] = offset in the original text of the character that produced norm[i]; map[norm.length] = text.length. */
  map: number[]
}

const HAN = /\p{Script=Han}/u
const COMBINING = /\p{M}/u
const SPACE = /\s/u

const ARABIC_DROP = new Set<number>()
for (let c = 0x0610; c <= 0x061a; c++) ARABIC_DROP.add(c)
for (let c = 0x064b; c <= 0x065f; c++) ARABIC_DROP.add(c)
ARABIC_DROP.add(0x0670) // superscript alef
ARABIC_DROP.add(0x0640) // tatweel
for (let c = 0x06d6; c <= 0x06ed; c++) if (c !== 0x06e5 && c !== 0x06e6) ARABIC_DROP.add(c)

const ARABIC_MAP: Record<string, string> = {
  'أ': 'ا',
  'إ': 'ا',
  'آ': 'ا',
  'ٱ': 'ا',
  'ؤ': 'و',
  'ئ': 'ي',
  'ى': 'ي',
  'ة': 'ه',
}

const LATIN_SPECIAL: Record<string, string> = { 'œ': 'oe', 'æ': 'ae', 'ß': 'ss', 'ø': 'o', 'ł': 'l', 'đ': 'd', 'ı': 'i' }

const table: Array<string | undefined> = new Array(0x10000)

/** The folded form of one character (a code point), '' to drop it. Han and white space are handled by the caller. */
function foldChar(ch: string): string {
  const code = ch.codePointAt(0)!
  if (code < 0x10000) {
    const known = table[code]
    if (known !== undefined) return known
  }
  let out: string
  if (code < 0x20 || (code >= 0x7f && code <= 0x9f) || code === 0xfeff || code === 0x200b) out = '' // control characters, BOM, zero-width space
  else if (ARABIC_DROP.has(code)) out = ''
  else if (ARABIC_MAP[ch]) out = ARABIC_MAP[ch]
  else if (code >= 0xff01 && code <= 0xff5e) out = foldChar(String.fromCodePoint(code - 0xfee0))
  else if (code === 0x3000) out = ' '
  else if (code < 0x80) out = ch.toLowerCase()
  else if (ch === 'ё' || ch === 'Ё') out = 'е'
  else if ((code >= 0x0400 && code <= 0x04ff) || (code >= 0x0370 && code <= 0x03ff)) out = ch.toLowerCase()
  else if (code >= 0x0600 && code <= 0x06ff) out = ch
  else {
    // Latin with diacritics and everything else: lower case, decompose, drop combining marks.
    const lower = ch.toLowerCase()
    const special = LATIN_SPECIAL[lower]
    if (special) out = special
    else {
      const decomposed = lower.normalize('NFD')
      let kept = ''
      for (const part of decomposed) if (!COMBINING.test(part)) kept += part
      out = kept.length > 0 ? kept.normalize('NFC') : COMBINING.test(ch) ? '' : lower
    }
  }
  if (code < 0x10000) table[code] = out
  return out
}

/** White space as JavaScript's \s sees it. */
function isSpace(c: number): boolean {
  return (
    c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff
  )
}

/** Han characters as \p{Script=Han} sees them (checked by the regex outside the common blocks). */
function isHan(c: number, ch: string): boolean {
  if (c < 0x2e80) return false
  if ((c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf)) return true
  if (c >= 0xac00 && c <= 0xf8ff) return false // Hangul, surrogates handled as code points, private use
  return HAN.test(ch)
}

let buffer = new Uint16Array(1024)
const utf16 = new TextDecoder('utf-16le')

function foldCore(text: string, map: number[] | null): string {
  const n = text.length
  if (buffer.length < n * 4 + 8) buffer = new Uint16Array(n * 4 + 8)
  const out = buffer
  let k = 0
  let lastSpace = true // no space at the start
  let i = 0
  const space = (at: number) => {
    out[k++] = 32
    map?.push(at)
    lastSpace = true
  }
  while (i < n) {
    let code = text.charCodeAt(i)
    let width = 1
    if (code < 0x80) {
      // ASCII fast path.
      if (code === 32 || (code >= 9 && code <= 13)) {
        if (!lastSpace) space(i)
      } else if (code >= 0x20 && code !== 0x7f) {
        out[k++] = code >= 65 && code <= 90 ? code + 32 : code
        map?.push(i)
        lastSpace = false
      }
      i += 1
      continue
    }
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < n) {
      code = text.codePointAt(i)!
      width = 2
    }
    const ch = width === 1 ? text[i] : text.slice(i, i + 2)
    if (isSpace(code)) {
      if (!lastSpace) space(i)
    } else if (isHan(code, ch)) {
      if (!lastSpace || k === 0) space(i)
      for (let w = 0; w < width; w++) {
        out[k++] = text.charCodeAt(i + w)
        map?.push(i)
      }
      space(i)
    } else {
      const f = foldChar(ch)
      if (f === ' ') {
        if (!lastSpace) space(i)
      } else if (f) {
        for (let w = 0; w < f.length; w++) {
          out[k++] = f.charCodeAt(w)
          map?.push(i)
        }
        lastSpace = false
      }
    }
    i += width
  }
  if (k === 0) return ''
  return k < 256 ? String.fromCharCode.apply(null, out.subarray(0, k) as unknown as number[]) : utf16.decode(out.subarray(0, k))
}

/** Folds `text`, keeping for each folded code unit the offset of its source. */
export function foldWithMap(text: string): Folded {
  const map: number[] = []
  const norm = foldCore(text, map)
  map.push(text.length)
  return { norm, map }
}

/** The folded form stored in `sentences.norm`. */
export function fold(text: string): string {
  return foldCore(text, null)
}

/**
 * Folds a query: like `fold`, but a query with no Han character is trimmed of
 * surrounding spaces (a query with Han keeps the spaces around its Han
 * characters, which is what makes one-character queries three characters long).
 */
export function foldQuery(query: string): string {
  const norm = fold(query.trim())
  return norm
}

const WORD_CHAR = /[\p{L}\p{N}]/u
const ARABIC = /\p{Script=Arabic}/u
const isWordChar = (ch: string | undefined) => ch !== undefined && ch !== ' ' && !HAN.test(ch) && WORD_CHAR.test(ch)

/** The attached Arabic prefixes a word may carry (folded): و ف, then ب ك ل, ال or their combinations (لل = ل + ال). */
const ARABIC_PREFIXES = new Set<string>()
for (const conj of ['', 'و', 'ف']) for (const prep of ['', 'ب', 'ك', 'ل', 'ال', 'بال', 'كال', 'لل']) ARABIC_PREFIXES.add(conj + prep)
const LONGEST_PREFIX = Math.max(...[...ARABIC_PREFIXES].map((p) => p.length))

/**
 * Whether the occurrence of `needle` at norm[at, at + needle.length) starts and ends at word
 * boundaries (folded text). A needle that begins or ends with Han, a space or punctuation
 * needs no boundary on that side (Chinese has no word boundaries); an Arabic needle may follow
 * an attached prefix (و ف ب ك ل ال and their combinations).
 */
export function atWordBoundaries(norm: string, at: number, needle: string): boolean {
  const end = at + needle.length
  const first = needle[0]
  if (isWordChar(first) && at > 0 && norm[at - 1] !== ' ') {
    if (!isWordChar(norm[at - 1])) {
      // Punctuation before: a boundary.
    } else if (!ARABIC.test(first)) return false
    else {
      let ok = false
      for (let len = 1; len <= LONGEST_PREFIX && len <= at && !ok; len++) {
        if (ARABIC_PREFIXES.has(norm.slice(at - len, at)) && (at - len === 0 || !isWordChar(norm[at - len - 1]))) ok = true
      }
      if (!ok) return false
    }
  }
  const last = needle[needle.length - 1]
  if (isWordChar(last) && end < norm.length && isWordChar(norm[end])) return false
  return true
}

/** Whether folded text holds `foldedNeedle` as whole words (see atWordBoundaries). */
export function containsWords(norm: string, foldedNeedle: string): boolean {
  if (!foldedNeedle) return false
  for (let at = norm.indexOf(foldedNeedle); at >= 0; at = norm.indexOf(foldedNeedle, at + 1)) {
    if (atWordBoundaries(norm, at, foldedNeedle)) return true
  }
  return false
}

/**
 * All non-overlapping occurrences of `foldedNeedle` in `text` (as whole words unless
 * `wholeWords` is false: see atWordBoundaries), as [start, end) offsets in the ORIGINAL text. Padding spaces that folding added around Han
 * characters are not part of the reported span.
 */
export function findMatches(text: string, foldedNeedle: string, wholeWords = true): Array<[number, number]> {
  if (!foldedNeedle) return []
  const { norm, map } = foldWithMap(text)
  const out: Array<[number, number]> = []
  let from = 0
  for (;;) {
    const at = norm.indexOf(foldedNeedle, from)
    if (at < 0) break
    if (wholeWords && !atWordBoundaries(norm, at, foldedNeedle)) {
      from = at + 1
      continue
    }
    let s = at
    let e = at + foldedNeedle.length
    while (s < e && norm[s] === ' ') s++
    while (e > s && norm[e - 1] === ' ') e--
    if (e > s) {
      const start = map[s]
      // End: the original offset just after the character that produced norm[e - 1].
      const last = map[e - 1]
      const lastCode = text.codePointAt(last)!
      let end = last + (lastCode > 0xffff ? 2 : 1)
      // Take in the marks that folding dropped right after the match (a decomposed accent, a haraka).
      while (end < text.length) {
        const next = String.fromCodePoint(text.codePointAt(end)!)
        if (SPACE.test(next) || HAN.test(next) || foldChar(next) !== '') break
        end += next.length
      }
      out.push([start, end])
    }
    from = at + Math.max(1, foldedNeedle.length)
  }
  return out
}
