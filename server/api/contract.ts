/**
 * The HTTP API's request and response types: the contract between the server
 * (server/api) and the web app (web/src). Types only, no runtime code.
 *
 * Conventions
 * - Every response is JSON except GET /api/export (a file) and the static app.
 * - Every error is `ApiError` with an HTTP status: 400 bad input, 401 missing or
 *   wrong token, 403 refused as a possible attack (a write from another site's
 *   page, or a Host this server is not served as), 404 unknown document/group, 409 conflict (e.g. an edit that
 *   does not fit the alignment), 413 upload too large, 415 not multipart,
 *   422 language check failed / file could not be parsed, 503 not ready yet
 *   (or the libSQL server cannot be reached: `unavailable`).
 * - Writes (POST, DELETE) need `Authorization: Bearer <SIXFOLD_TOKEN>` when the
 *   server is bound to a non-loopback address (`HealthResponse.writeNeedsToken`).
 * - Timestamps are ISO 8601 strings. Ids are integers.
 * - A `:id` document parameter (and `doc`) accepts the numeric id or the document's
 *   slug: all digits is always an id, and slugs are never all digits.
 *
 * The terminology routes (/api/renderings, /api/glossary/**, /api/review/**)
 * have their own types in server/terminology/contract.ts.
 */

export type Lang = 'zh' | 'en' | 'fr' | 'es' | 'ru' | 'ar'

/** Error body of every non-2xx response. `error` is a stable code, `message` is for people. */
export interface ApiError {
  error: ApiErrorCode
  message: string
}

export type ApiErrorCode =
  | 'bad_request'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'method_not_allowed'
  | 'conflict'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'language_mismatch'
  | 'unprocessable'
  | 'not_ready'
  /** the database file is read-only: reads work, changes are refused (503) */
  | 'read_only'
  /** the database is damaged, busy with another process's write, or the libSQL server cannot be reached (503) */
  | 'unavailable'
  | 'internal'

// ─── Health ──────────────────────────────────────────────────────────────────

/** Progress of the start-up import of corpora/ (also of CLI imports). */
export interface ImportProgress {
  /** indexing: the import is done and the terminology index is being built (health still answers 503). */
  state: 'idle' | 'scanning' | 'importing' | 'indexing' | 'done' | 'failed'
  /** Files (language versions, parallel files, TMX files) found. */
  filesTotal: number
  /** Files processed so far (imported + skipped + failed). */
  filesDone: number
  filesImported: number
  /** Unchanged files (same sha256) that were not re-imported. */
  filesSkipped: number
  filesFailed: number
  /** Segments (sentence rows, all languages) written so far. */
  segments: number
  /** The document being imported now. */
  current: string | null
  errors: Array<{ path: string; message: string }>
}

/**
 * GET /api/health. 200 `{status: 'ok'}` once the server is ready; before that
 * 503 with `status: 'starting'` and the import progress.
 */
/** An import the server is working on: what, and at which stage (an upload is parsed, then aligned and written). */
export interface RunningImport {
  name: string
  stage: 'parsing' | 'storing' | 'importing'
}

export interface HealthResponse {
  status: 'ok' | 'starting'
  version: string
  import: ImportProgress
  /** Imports being parsed, aligned or written now (uploads, removals that re-align, the start-up import), besides answering requests. */
  imports: RunningImport[]
  /** True when writes need `Authorization: Bearer <token>`. */
  writeNeedsToken: boolean
  counts: { documents: number; segments: number; groups: number } | null
}

// ─── Documents ───────────────────────────────────────────────────────────────

export type DocumentSource = 'document' | 'parallel' | 'tmx'

export interface DocumentSummary {
  id: number
  slug: string
  symbol: string
  title: string | null
  /** How versions were aligned: parsed + aligned documents, pre-aligned lines/YAML, or TMX. */
  source: DocumentSource
  createdAt: string
  /** Languages present, in the order zh en fr es ru ar. */
  languages: Lang[]
  /** Sentence rows across all languages. */
  segments: number
}

/** GET /api/documents */
export interface DocumentsResponse {
  documents: DocumentSummary[]
}

export interface VersionInfo {
  id: number
  lang: Lang
  fileName: string
  /** 'pdf-text' | 'lines' | 'html' | 'docx' | 'pdf' | 'yaml' | 'tmx' */
  format: string
  sha256: string
  /** Language identified from the text, with confidence in [0, 1]; null for pre-aligned material. */
  detected: { language: Lang; confidence: number } | null
  importedAt: string
  blocks: number
  sentences: number
}

export interface AlignmentStatus {
  /** 'none': no groups yet (fewer than two versions), 'aligned': groups exist. */
  state: 'none' | 'aligned'
  pivot: Lang | null
  languages: Lang[]
  paragraphGroups: number
  sentenceGroups: number
  /** Groups (both levels) where the pivots disagree. */
  flagged: number
  /** Groups (both levels) with confidence < 0.5. */
  lowConfidence: number
  /** Groups edited by a person (origin 'human'). */
  human: number
  confirmed: number
  /** Mean confidence of the paragraph groups, null when none. */
  meanConfidence: number | null
}

/** GET /api/documents/:id */
export interface DocumentDetail extends DocumentSummary {
  versions: VersionInfo[]
  alignment: AlignmentStatus
}

/**
 * POST /api/documents — multipart/form-data fields:
 *   symbol (required), title (optional), slug (optional; derived from symbol),
 *   file + lang (optional: a first version).
 * 201 → CreateDocumentResponse. 409 when the slug exists.
 */
export interface CreateDocumentFields {
  symbol: string
  title?: string
  slug?: string
  lang?: Lang
  file?: File
}
export interface CreateDocumentResponse {
  document: DocumentDetail
}

/**
 * POST /api/documents/:id/versions — multipart/form-data fields: file, lang.
 * The file is parsed (.txt .pdf .docx .html), its language checked against
 * `lang` (422 `language_mismatch` naming both), then the document is re-aligned.
 * A file identical to the stored version (same sha256) is skipped.
 * 200 → UploadVersionResponse. 413 over the size limit.
 */
export interface UploadVersionFields {
  lang: Lang
  file: File
}
export interface UploadVersionResponse {
  document: DocumentDetail
  version: VersionInfo
  skipped: boolean
}

/** DELETE /api/documents/:id and DELETE /api/documents/:id/versions/:lang → 200 */
export interface DeleteResponse {
  deleted: true
}

// ─── Alignment ───────────────────────────────────────────────────────────────

export type AlignmentLevel = 'paragraph' | 'sentence'
export type AlignmentOrder = 'document' | 'confidence'

/**
 * GET /api/documents/:id/alignment query string:
 *   level=paragraph|sentence (default paragraph)
 *   langs=zh,en (comma-separated; default all present)
 *   order=document|confidence (confidence = lowest first)
 *   page=1.. (default 1), pageSize=1..200 (default 50)
 */
export interface AlignmentQuery {
  level?: AlignmentLevel
  langs?: string
  order?: AlignmentOrder
  page?: number
  pageSize?: number
}

/** One segment in a group: a block (paragraph level) or a sentence (sentence level). */
export interface AlignmentMember {
  /** blocks.id at paragraph level, sentences.id at sentence level. */
  id: number
  /** Position: the block's ordinal in its version (paragraph level), or the sentence's ordinal in its block (sentence level). */
  ordinal: number
  /** The ordinal of the member's block in its version (both levels). */
  blockOrdinal: number
  text: string
  /** The paragraph's own label ("99", "a", "XIII"), or null. */
  label: string | null
  kind: 'title' | 'heading' | 'paragraph' | 'item' | 'footnote'
}

export interface AlignmentGroup {
  id: number
  level: AlignmentLevel
  /** Order within the document and level. */
  ordinal: number
  /** Sentence groups: their paragraph group. */
  parentId: number | null
  confidence: number
  flagged: boolean
  origin: 'auto' | 'human'
  confirmed: boolean
  /** Label of the group's paragraph (pivot's label first, else any), for display. */
  paragraphLabel: string | null
  /** Members per language, in text order; a language absent from a group has no key. */
  members: Partial<Record<Lang, AlignmentMember[]>>
}

export interface AlignmentResponse {
  document: { id: number; slug: string; symbol: string; title: string | null }
  level: AlignmentLevel
  order: AlignmentOrder
  pivot: Lang | null
  languages: Lang[]
  page: number
  pageSize: number
  total: number
  groups: AlignmentGroup[]
}

/**
 * POST /api/documents/:id/alignment/merge — merge two or more groups of the
 * same level (and, for sentences, the same paragraph group) into the first.
 * Members keep text order. The result is a human group.
 */
export interface MergeRequest {
  level: AlignmentLevel
  groupIds: number[]
  /** Make the edit, answer with its result and store nothing. */
  preview?: boolean
}

/**
 * POST /api/documents/:id/alignment/split — split one group in two: for each
 * language, the first `at[lang]` members stay in the group, the rest go to a
 * new group right after it. Languages not listed (those a view did not show)
 * are aligned again against the pivot across the two groups, so the pivot must
 * be listed.
 * Both groups become human groups.
 */
export interface SplitRequest {
  level: AlignmentLevel
  groupId: number
  at: Partial<Record<Lang, number>>
  /** Make the edit, answer with its result and store nothing. */
  preview?: boolean
}

/**
 * POST /api/documents/:id/alignment/relink — move members (all of one
 * language) to another group of the same level and document, or to a new group
 * of their own (`toGroupId: null`, placed right after their current group, or
 * right before it when they precede the members that stay).
 * Groups left empty are removed. Touched groups become human groups.
 * Every edit keeps each language's members in document order across groups and
 * sentence groups inside one paragraph group: an edit that would break either
 * is refused with 409 (merge: only adjacent groups; sentences: same paragraph group).
 */
export interface RelinkRequest {
  level: AlignmentLevel
  lang: Lang
  memberIds: number[]
  toGroupId: number | null
  /**
   * The languages the person saw. When pivot paragraphs move, the document's other languages not
   * among them are aligned again against the pivot across the groups touched. Absent: all were seen.
   */
  shown?: Lang[]
  /** Make the edit, answer with its result and store nothing. */
  preview?: boolean
}

/**
 * POST /api/documents/:id/alignment/confirm — mark groups confirmed (or not) as the person saw them:
 * a group with text in a language not in `languages` is refused (409), naming those languages.
 */
export interface ConfirmRequest {
  level: AlignmentLevel
  groupIds: number[]
  confirmed?: boolean
  /** The languages shown when the person confirmed. */
  languages: Lang[]
  /** Answer with the groups in every language and the languages a confirmation would cover; store nothing. */
  preview?: boolean
}

/** Response of merge, split, relink and confirm: the groups as they are now (in every language), and the ids removed. */
export interface AlignmentEditResponse {
  groups: AlignmentGroup[]
  removed: number[]
  /** The languages the groups hold (for confirm: the languages the confirmation covers). */
  languages: Lang[]
  /** Languages aligned again inside the edited window because the edit did not place them. */
  realigned: Lang[]
  /** After a paragraph edit: the sentence groups inside the touched paragraph groups, realigned. */
  sentences: AlignmentGroup[]
  /** True when nothing was stored (a preview). */
  preview: boolean
}

// ─── Search ──────────────────────────────────────────────────────────────────

export type SearchMode = 'phrase' | 'words'

/**
 * GET /api/search query string:
 *   q (required, 1..500 chars; searched as text whatever it holds)
 *   lang (optional: the language to search; detected from q when absent —
 *         Chinese, Arabic, Russian by script; Latin-script queries search en, fr, es)
 *   doc (optional: document id or slug)
 *   mode=phrase|words (default phrase; words = all words, any order)
 *   page=1.. (default 1), pageSize=1..100 (default 20)
 *   langs=zh,en,... (optional: which aligned languages to return; default all)
 * Case and diacritics are folded (é = e, ё = е, Arabic diacritics, tatweel,
 * alef/hamza forms, ى = ي, ة = ه; full-width = ASCII).
 */
export interface SearchQuery {
  q: string
  lang?: Lang
  doc?: string
  mode?: SearchMode
  page?: number
  pageSize?: number
  langs?: string
}

export interface SearchSegment {
  id: number
  lang: Lang
  text: string
}

export interface SearchHit {
  /** The matching segment; `matches` are [start, end) UTF-16 offsets into `segment.text` (the original text). */
  segment: SearchSegment & { matches: Array<[number, number]> }
  document: { id: number; slug: string; symbol: string; title: string | null }
  /** Label of the segment's paragraph ("99", "a"), or null. */
  paragraphLabel: string | null
  /** The sentence-level six-way group, null when the segment is not aligned. */
  groupId: number | null
  /** The group's segments in the other languages (only those in `langs`), in text order. */
  aligned: Partial<Record<Lang, SearchSegment[]>>
}

export interface SearchResponse {
  query: string
  mode: SearchMode
  /** The languages searched. */
  languages: Lang[]
  /** Language detected from the query (null when `lang` was given or nothing could be detected). */
  detected: { language: Lang; confidence: number } | null
  page: number
  pageSize: number
  /**
   * Matching segments counted. Counting stops past 500 (or past the page asked for, or after
   * 60,000 candidates read): then `totalCapped` is true and `total` is a lower bound ("500+").
   */
  total: number
  totalCapped: boolean
  hits: SearchHit[]
}

// ─── Export / import ─────────────────────────────────────────────────────────

/**
 * GET /api/export?format=tmx|csv&doc=<id or slug> → the file (attachment).
 * TMX 1.4b: one <tu> per sentence-level six-way group, a <tuv xml:lang> per
 * language present. CSV (UTF-8 with BOM, RFC 4180): header
 * `document,paragraph,group,zh,en,fr,es,ru,ar`, one row per group.
 */
export interface ExportQuery {
  format: 'tmx' | 'csv'
  doc?: string
}

/**
 * POST /api/import/tmx — multipart/form-data fields: file (.tmx), optional
 * symbol, title, slug (default: from the file's name). Each <tu> becomes a
 * six-way group of the languages it holds (others ignored).
 */
export interface ImportTmxResponse {
  document: DocumentSummary
  groups: number
  segments: number
  /** <tu> elements skipped (fewer than one known language, or empty). */
  skipped: number
}
