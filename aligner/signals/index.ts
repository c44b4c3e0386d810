/**
 * Alignment signals, each a pure function over text: facts (numbers, dates,
 * percentages, symbols, resolutions, names) normalised across the six
 * languages, structure labels, numerals, length, furniture, word stems.
 * The terminology checks reuse extractFacts to compare versions.
 */
export { extractFacts, factKeys, parseNumber, type Fact, type FactKind } from './facts.ts'
export { extractLabel, labelKey, type StructureLabel } from './labels.ts'
export { anyNumeral, arabicOrdinal, asciiDigits, chineseToInt, normaliseWidth, ordinalWord, romanToInt } from './numerals.ts'
export { estimateRatio, estimateVariance, initialLengthModel, lengthCost, lengthDelta, textLength, type LengthModel } from './length.ts'
export { isFurniture } from './furniture.ts'
export { isLatinLang, normaliseArabic, wordStems } from './words.ts'
