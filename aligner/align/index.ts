/**
 * Sixfold's aligner: sentences, document pairs (paragraphs then sentences),
 * and a document's versions six ways.
 */
export { alignSentences, alignUnitsOriented, type SentenceOptions } from './sentences.ts'
export { alignUnits, SENTENCE_SHAPES, PARAGRAPH_SHAPES, type AlignUnit, type EngineOptions, type EngineResult, type Shape } from './engine.ts'
export { formatBead, formatBeads, parseBeads } from './beads.ts'
export type { Lexicon } from '../lexicon/learn.ts'
export { learnLexicon, mergeLexicons } from '../lexicon/learn.ts'
