/**
 * Chinese word segmentation for the terminology index: bidirectional maximum
 * matching over segmentit's own dictionary (about 150,000 words) extended with
 * the user dictionary of UN names, so that `联合国毒品和犯罪问题办公室` stays one
 * token.
 *
 * Why not `segmentit.doSegment` itself? Its dictionary tokenizer enumerates
 * segmentations and takes about 10 ms per sentence on this machine: 40 s for
 * the 4,000 devset sentences, far too slow to index a memory for interactive
 * rendering discovery. Maximum matching over the same dictionary takes well
 * under a second for the same text and gives the same tokens on UN prose in
 * nearly every case (`segmentWithSegmentit` is kept for comparison and tests).
 */
import segmentit from 'segmentit'
import { UN_NAMES_ZH } from './un-names.ts'

export interface ZhToken {
  start: number
  end: number
  text: string
}

interface Dictionary {
  words: Set<string>
  /** Longest word starting with a character / ending with a character. */
  maxByFirst: Map<string, number>
  maxByLast: Map<string, number>
}

let dictionary: Dictionary | null = null
let segmenter: InstanceType<typeof segmentit.Segment> | null = null

function loadSegmentit(): InstanceType<typeof segmentit.Segment> {
  if (!segmenter) segmenter = segmentit.useDefault(new segmentit.Segment())
  return segmenter
}

/** Adds words to the segmenter's dictionary (a user dictionary). */
export function addUserWords(words: Iterable<string>): void {
  const dict = loadDictionary()
  for (const w of words) addWord(dict, w)
}

function addWord(dict: Dictionary, word: string): void {
  if (word.length < 2) return
  dict.words.add(word)
  const first = word[0]
  const last = word[word.length - 1]
  if ((dict.maxByFirst.get(first) ?? 0) < word.length) dict.maxByFirst.set(first, word.length)
  if ((dict.maxByLast.get(last) ?? 0) < word.length) dict.maxByLast.set(last, word.length)
}

function loadDictionary(): Dictionary {
  if (dictionary) return dictionary
  const seg = loadSegmentit() as unknown as { getDict(name: string): Record<string, unknown> }
  const table = seg.getDict('TABLE')
  const dict: Dictionary = { words: new Set(), maxByFirst: new Map(), maxByLast: new Map() }
  for (const w of Object.keys(table)) if (/^\p{Script=Han}+$/u.test(w)) addWord(dict, w)
  for (const w of UN_NAMES_ZH) addWord(dict, w)
  dictionary = dict
  return dict
}

function forward(run: string, dict: Dictionary): string[] {
  const out: string[] = []
  let i = 0
  while (i < run.length) {
    let len = Math.min(dict.maxByFirst.get(run[i]) ?? 1, run.length - i)
    while (len > 1 && !dict.words.has(run.slice(i, i + len))) len--
    out.push(run.slice(i, i + len))
    i += len
  }
  return out
}

function backward(run: string, dict: Dictionary): string[] {
  const out: string[] = []
  let j = run.length
  while (j > 0) {
    let len = Math.min(dict.maxByLast.get(run[j - 1]) ?? 1, j)
    while (len > 1 && !dict.words.has(run.slice(j - len, j))) len--
    out.push(run.slice(j - len, j))
    j -= len
  }
  return out.reverse()
}

function singles(words: string[]): number {
  let n = 0
  for (const w of words) if (w.length === 1) n++
  return n
}

/** Segments a run of Han characters: the better of forward and backward maximum matching. */
export function segmentHanRun(run: string): string[] {
  const dict = loadDictionary()
  const f = forward(run, dict)
  const b = backward(run, dict)
  if (f.length !== b.length) return f.length < b.length ? f : b
  return singles(f) < singles(b) ? f : b
}

const PIECES = /(\p{Script=Han}+)|([\p{N}\p{Script=Latin}\p{Script=Cyrillic}\p{Script=Greek}\p{Script=Arabic}\p{M}]+(?:[.\-/][\p{N}\p{Script=Latin}\p{Script=Cyrillic}\p{Script=Greek}\p{Script=Arabic}\p{M}]+)*)|(\S)/gu

/** Tokens of Chinese text with offsets: Han runs segmented, Latin words and numbers whole, punctuation one by one. */
export function segmentChinese(text: string): ZhToken[] {
  const out: ZhToken[] = []
  for (const m of text.matchAll(PIECES)) {
    const start = m.index!
    if (m[1]) {
      let at = start
      for (const w of segmentHanRun(m[1])) {
        out.push({ start: at, end: at + w.length, text: w })
        at += w.length
      }
    } else out.push({ start, end: start + m[0].length, text: m[0] })
  }
  return out
}

/** segmentit's own segmentation (slow; kept to compare against and for small texts). */
export function segmentWithSegmentit(text: string): string[] {
  return loadSegmentit().doSegment(text, { simple: true })
}
