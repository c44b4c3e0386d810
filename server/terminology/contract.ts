/**
 * Types of the terminology API (/api/renderings, /api/terms, /api/glossary…,
 * /api/review…), shared with the web app. Plain JSON data.
 */
import type { Lang } from '../../aligner/types.ts'

export type { Lang }

// ── renderings ─────────────────────────────────────────────────────────────

// The rendering types are defined once, where renderings are computed (type-only: nothing of the
// server reaches the web bundle).
export type { Span as TextSpan, RenderingExample, Rendering } from './renderings.ts'
import type { Rendering, Span as TextSpan } from './renderings.ts'

/** GET /api/renderings?q=…&lang=…&document=… */
/**
 * Said when the terminology index holds an even sample of a larger memory
 * (SIXFOLD_TERMS_MAX_UNITS): counts and shares are over `units` of the memory's `of` aligned units.
 */
export interface MemorySample {
  units: number
  of: number
}

export interface RenderingsResponse {
  term: string
  language: Lang
  /** true when the language was detected rather than given */
  detected: boolean
  occurrences: number
  /** Occurrences counted: all of them, or an even sample of 300 when there are more (counts and shares are of these). */
  examined: number
  /** Occurrences left out as part of a longer term ("least developed countries" for "developed countries"). */
  nested?: { text: string; occurrences: number }
  occurrencesWithTarget: Partial<Record<Lang, number>>
  renderings: Partial<Record<Lang, Rendering[]>>
  /** Said when the answer is empty for a reason the user can fix (the term is not in that language, not in the memory, or the document is not aligned yet). */
  note?: string
  sample?: MemorySample
  tookMs: number
}

// ── mined terms ────────────────────────────────────────────────────────────

export interface TermCandidate {
  term: string
  language: Lang
  frequency: number
  /** Termhood (C-value). */
  score: number
  /** Top rendering per language (text, count, share). */
  renderings: Partial<Record<Lang, Array<{ text: string; count: number; share: number }>>>
  /** Id of the glossary entry holding this term, if any. */
  glossaryEntryId: number | null
}

/** GET /api/terms?lang=zh|en&document=…&limit=… */
export interface TermsResponse {
  language: Lang
  document: string | null
  candidates: TermCandidate[]
  sample?: MemorySample
  tookMs: number
}

// ── glossary ───────────────────────────────────────────────────────────────

export type EntryStatus = 'candidate' | 'approved' | 'deprecated'
export type TermUsage = 'preferred' | 'admitted' | 'deprecated'

export interface GlossaryTerm {
  lang: Lang
  text: string
  usage: TermUsage
}

export interface GlossaryRef {
  groupId: number | null
  documentSymbol: string | null
  paragraphLabel: string | null
}

export interface GlossaryEntry {
  id: number
  concept: string | null
  status: EntryStatus
  note: string | null
  origin: string
  score: number | null
  frequency: number | null
  terms: GlossaryTerm[]
  refs: GlossaryRef[]
  createdAt: number
  updatedAt: number
}

/** POST /api/glossary (and the shape of TBX/CSV import entries). */
export interface GlossaryEntryInput {
  /** In an imported file: the entry's id in the glossary it was exported from (TBX c12, CSV id). */
  id?: number
  concept?: string | null
  status?: EntryStatus
  note?: string | null
  origin?: string
  score?: number | null
  frequency?: number | null
  terms: GlossaryTerm[]
  refs?: GlossaryRef[]
}

/** PATCH /api/glossary/:id — fields given are replaced (terms as a whole). */
export type GlossaryEntryPatch = Partial<Omit<GlossaryEntryInput, 'origin'>>

/** GET /api/glossary?status=…&q=…&lang=…&page=… */
export interface GlossaryResponse {
  entries: GlossaryEntry[]
  total: number
  page: number
  pageSize: number
}

/** POST /api/glossary/import?format=tbx|csv (body: the file) */
export interface GlossaryImportResponse {
  /** Entries read from the file: created plus updated. */
  imported: number
  /** New entries. */
  created: number
  /** Entries already in the glossary (the same id and a shared term, or the same terms), updated in place. */
  updated: number
  format: 'tbx' | 'csv'
}

// ── review (consistency checks) ────────────────────────────────────────────

export type FindingKind = 'variant' | 'glossary' | 'number' | 'date' | 'percent' | 'symbol' | 'untranslated' | 'empty'

export interface FindingSegment {
  groupId: number
  lang: Lang
  text: string
  /** Spans to highlight in text. */
  spans: TextSpan[]
  /** The segment's document and paragraph (findings over several documents: variants). */
  documentSymbol?: string
  paragraphLabel?: string | null
}

export interface Finding {
  /** Stable key (kind + languages + group + detail): what an acceptance stores. */
  key: string
  kind: FindingKind
  severity: 'error' | 'warning'
  sourceLang: Lang
  targetLang: Lang
  groupIds: number[]
  documentSymbol: string
  paragraphLabel: string | null
  message: string
  /** The segments concerned (source and target of each group). */
  segments: FindingSegment[]
  accepted: boolean
}

/** GET /api/review?document=…&kinds=…&lang=… */
export interface ReviewResponse {
  document: string | null
  sourceLang: Lang
  units: number
  counts: Partial<Record<FindingKind, number>>
  findings: Finding[]
  /** Said when there is nothing to check, and why (a document not aligned yet, an empty memory). */
  note?: string
  /** Set when the report was made over a sample of the memory: its variants always, and the other checks too for the whole memory (a document is always checked whole). */
  sample?: MemorySample
  tookMs: number
}

/** POST /api/review/accept {key, note} */
export interface AcceptRequest {
  key: string
  note?: string | null
}
