/**
 * The translation memory's schema. Alignments become rows here.
 *
 *   documents ─┬─ versions (one per language) ── blocks ── sentences
 *              └─ align_groups (six-way, paragraph and sentence level)
 *                   ├─ blocks.paragraph_group_id / sentences.group_id  (members)
 *                   └─ align_links (pairwise beads behind the groups)
 *   glossary_entries ── glossary_terms, glossary_refs
 *
 * Full-text tables (FTS5, trigram) and their triggers are custom migrations in drizzle/.
 */
import { sql } from 'drizzle-orm'
import { index, integer, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core'

const now = sql`(unixepoch('subsec') * 1000)`

export const documents = sqliteTable(
  'documents',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** The document's key in corpora/ (folder name) or upload name. */
    slug: text('slug').notNull(),
    symbol: text('symbol').notNull(),
    title: text('title'),
    /** How versions were aligned: 'document' (parsed + aligned), 'parallel' (pre-aligned lines), 'tmx'. */
    source: text('source', { enum: ['document', 'parallel', 'tmx'] }).notNull().default('document'),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull().default(now),
  },
  (t) => [uniqueIndex('documents_slug').on(t.slug)],
)

export const versions = sqliteTable(
  'versions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    documentId: integer('document_id')
      .notNull()
      .references(() => documents.id, { onDelete: 'cascade' }),
    lang: text('lang', { enum: ['zh', 'en', 'fr', 'es', 'ru', 'ar'] }).notNull(),
    fileName: text('file_name').notNull(),
    format: text('format').notNull(),
    sha256: text('sha256').notNull(),
    detectedLang: text('detected_lang'),
    detectedConfidence: real('detected_confidence'),
    importedAt: integer('imported_at', { mode: 'timestamp_ms' }).notNull().default(now),
  },
  (t) => [uniqueIndex('versions_document_lang').on(t.documentId, t.lang)],
)

export const alignGroups = sqliteTable(
  'align_groups',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    documentId: integer('document_id')
      .notNull()
      .references(() => documents.id, { onDelete: 'cascade' }),
    level: text('level', { enum: ['paragraph', 'sentence'] }).notNull(),
    /** Order of the group within its document and level. */
    ordinal: integer('ordinal').notNull(),
    /** For a sentence group, the paragraph group it lies in. */
    parentId: integer('parent_id'),
    confidence: real('confidence').notNull(),
    flagged: integer('flagged', { mode: 'boolean' }).notNull().default(false),
    origin: text('origin', { enum: ['auto', 'human'] }).notNull().default('auto'),
    /** A person looked at this group and confirmed it. */
    confirmed: integer('confirmed', { mode: 'boolean' }).notNull().default(false),
  },
  (t) => [index('align_groups_document').on(t.documentId, t.level, t.ordinal), index('align_groups_parent').on(t.parentId)],
)

export const blocks = sqliteTable(
  'blocks',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    versionId: integer('version_id')
      .notNull()
      .references(() => versions.id, { onDelete: 'cascade' }),
    ordinal: integer('ordinal').notNull(),
    kind: text('kind', { enum: ['title', 'heading', 'paragraph', 'item', 'footnote'] }).notNull(),
    label: text('label'),
    text: text('text').notNull(),
    /** JSON array of footnote references (numbers or marks). */
    footnoteRefs: text('footnote_refs', { mode: 'json' }).$type<Array<number | string>>().notNull().default(sql`'[]'`),
    paragraphGroupId: integer('paragraph_group_id').references(() => alignGroups.id, { onDelete: 'set null' }),
  },
  (t) => [index('blocks_version').on(t.versionId, t.ordinal), index('blocks_group').on(t.paragraphGroupId)],
)

export const sentences = sqliteTable(
  'sentences',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    blockId: integer('block_id')
      .notNull()
      .references(() => blocks.id, { onDelete: 'cascade' }),
    /** Denormalised from the block, for fast per-version and per-language reads. */
    versionId: integer('version_id').notNull(),
    lang: text('lang', { enum: ['zh', 'en', 'fr', 'es', 'ru', 'ar'] }).notNull(),
    /** Order within the block. */
    ordinal: integer('ordinal').notNull(),
    text: text('text').notNull(),
    /** Text folded for search (case, diacritics, script variants); what the FTS index holds. */
    norm: text('norm').notNull(),
    groupId: integer('group_id').references(() => alignGroups.id, { onDelete: 'set null' }),
  },
  (t) => [
    index('sentences_block').on(t.blockId, t.ordinal),
    index('sentences_group').on(t.groupId),
    index('sentences_version').on(t.versionId),
  ],
)

/** The pairwise beads (each language against the pivot) that the six-way groups were built from. */
export const alignLinks = sqliteTable(
  'align_links',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    documentId: integer('document_id')
      .notNull()
      .references(() => documents.id, { onDelete: 'cascade' }),
    level: text('level', { enum: ['paragraph', 'sentence'] }).notNull(),
    srcLang: text('src_lang').notNull(),
    tgtLang: text('tgt_lang').notNull(),
    /** JSON arrays of block ids (paragraph level) or sentence ids (sentence level). */
    srcIds: text('src_ids', { mode: 'json' }).$type<number[]>().notNull(),
    tgtIds: text('tgt_ids', { mode: 'json' }).$type<number[]>().notNull(),
    shape: text('shape').notNull(),
    confidence: real('confidence').notNull(),
    origin: text('origin', { enum: ['auto', 'human'] }).notNull().default('auto'),
  },
  (t) => [index('align_links_document').on(t.documentId, t.level, t.tgtLang)],
)

export const glossaryEntries = sqliteTable('glossary_entries', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  /** A short description of the concept (optional). */
  concept: text('concept'),
  status: text('status', { enum: ['candidate', 'approved', 'deprecated'] }).notNull().default('candidate'),
  note: text('note'),
  /** Where the entry came from: 'mined', 'manual', 'tbx', 'csv'. */
  origin: text('origin').notNull().default('manual'),
  /** Termhood or frequency score for mined candidates. */
  score: real('score'),
  frequency: integer('frequency'),
  createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull().default(now),
  updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull().default(now),
})

export const glossaryTerms = sqliteTable(
  'glossary_terms',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    entryId: integer('entry_id')
      .notNull()
      .references(() => glossaryEntries.id, { onDelete: 'cascade' }),
    lang: text('lang', { enum: ['zh', 'en', 'fr', 'es', 'ru', 'ar'] }).notNull(),
    text: text('text').notNull(),
    /** 'preferred' (the approved rendering), 'admitted', or 'deprecated' (must not be used). */
    usage: text('usage', { enum: ['preferred', 'admitted', 'deprecated'] }).notNull().default('preferred'),
  },
  (t) => [index('glossary_terms_entry').on(t.entryId), index('glossary_terms_lang_text').on(t.lang, t.text)],
)

export const glossaryRefs = sqliteTable(
  'glossary_refs',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    entryId: integer('entry_id')
      .notNull()
      .references(() => glossaryEntries.id, { onDelete: 'cascade' }),
    groupId: integer('group_id').references(() => alignGroups.id, { onDelete: 'cascade' }),
    documentSymbol: text('document_symbol'),
    paragraphLabel: text('paragraph_label'),
  },
  (t) => [index('glossary_refs_entry').on(t.entryId)],
)

/** Review findings a reviewer has accepted (kept so the report can hide or mark them). */
export const reviewAcceptances = sqliteTable(
  'review_acceptances',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** A stable key of the finding: kind + group + detail. */
    findingKey: text('finding_key').notNull(),
    note: text('note'),
    acceptedAt: integer('accepted_at', { mode: 'timestamp_ms' }).notNull().default(now),
  },
  (t) => [uniqueIndex('review_acceptances_key').on(t.findingKey)],
)
