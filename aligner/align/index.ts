/**
 * Sixfold's aligner: sentences, document pairs (paragraphs then sentences),
 * and a document's versions six ways.
 */
export { alignSentences, alignUnitsOriented, type SentenceOptions } from './sentences.ts'
export { alignUnits, SENTENCE_SHAPES, PARAGRAPH_SHAPES, type AlignUnit, type EngineOptions, type EngineResult, type Shape } from './engine.ts'
export { formatBead, formatBeads, parseBeads } from './beads.ts'
export type { Lexicon } from '../lexicon/learn.ts'
export { learnLexicon, mergeLexicons } from '../lexicon/learn.ts'
export { alignDocumentPair, documentUnits, type DocumentPairOptions, type DocumentPairResult } from './document.ts'
export { alignVersions, type VersionsOptions } from './versions.ts'
export { documentFromLines, splitLines } from './lines.ts'
export { galeChurch } from './gale-church.ts'
export { damage, seededRandom, type Damaged, type DamageOptions } from './damage.ts'
export { strictScores, laxScores, type Scores } from './metrics.ts'
