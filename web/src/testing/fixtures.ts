/** Small, real-looking API answers for component tests (UN texts, six languages). */
import type { AlignmentGroup, AlignmentResponse, DocumentDetail, SearchHit, SearchResponse } from '../api/tm.ts'
import type { Rendering, RenderingsResponse } from '../api/terminology.ts'

const doc = { id: 1, slug: 'sdg', symbol: 'A/RES/71/313', title: 'Global indicator framework' }

export function searchHit(id: number, zh: string, matches: Array<[number, number]>, aligned: SearchHit['aligned'], label = '1'): SearchHit {
  return { segment: { id, lang: 'zh', text: zh, matches }, document: doc, paragraphLabel: label, groupId: 100 + id, aligned }
}

export const searchAnswer: SearchResponse = {
  query: '可持续发展',
  mode: 'phrase',
  languages: ['zh'],
  detected: { language: 'zh', confidence: 1 },
  page: 1,
  pageSize: 20,
  total: 2,
  totalCapped: false,
  hits: [
    searchHit(1, '到2030年实现可持续发展目标', [[8, 13]], {
      en: [{ id: 11, lang: 'en', text: 'Achieve the Sustainable Development Goals by 2030' }],
      fr: [{ id: 21, lang: 'fr', text: "Réaliser les objectifs de développement durable d'ici à 2030" }],
      ar: [{ id: 31, lang: 'ar', text: 'تحقيق أهداف التنمية المستدامة بحلول عام 2030' }],
    }),
    searchHit(2, '可持续发展问题高级别政治论坛 <img src=x onerror=alert(1)>', [[0, 5]], {
      en: [{ id: 12, lang: 'en', text: 'High-level political forum on sustainable development' }],
      ar: [{ id: 32, lang: 'ar', text: 'المنتدى السياسي الرفيع المستوى المعني بالتنمية المستدامة' }],
    }, '2'),
  ],
}

function rendering(text: string, count: number, share: number, extra: Partial<Rendering> = {}): Rendering {
  return { text, count, share, dice: 0.5, precision: 0.9, key: text.toLowerCase(), forms: [{ text, count }], examples: [], ...extra }
}

export const renderingsAnswer: RenderingsResponse = {
  term: '可持续发展',
  language: 'zh',
  detected: true,
  occurrences: 2,
  examined: 2,
  occurrencesWithTarget: { en: 2, fr: 1, ar: 2 },
  tookMs: 3,
  renderings: {
    en: [rendering('Sustainable Development', 2, 1)],
    fr: [
      rendering('développement durable', 1, 1, {
        examples: [
          {
            groupId: 101,
            documentSymbol: 'A/RES/71/313',
            paragraphLabel: '1',
            source: { text: '到2030年实现可持续发展目标', spans: [{ start: 8, end: 13 }] },
            target: { text: "Réaliser les objectifs de développement durable d'ici à 2030", start: 13, end: 47 },
          },
        ],
      }),
    ],
    ar: [
      rendering('التنمية المستدامة', 1, 0.5, { forms: [{ text: 'التنمية المستدامة', count: 1 }, { text: 'بالتنمية المستدامة', count: 1 }] }),
      rendering('بالتنمية المستدامة', 1, 0.5),
    ],
  },
}

export const documentsAnswer = { documents: [{ ...doc, source: 'parallel', createdAt: '2026-11-27T03:00:00Z', languages: ['zh', 'en', 'fr', 'es', 'ru', 'ar'], segments: 600 }] }

export const documentDetail: DocumentDetail = {
  ...doc,
  source: 'document',
  createdAt: '2026-11-27T03:00:00Z',
  languages: ['zh', 'en', 'ar'],
  segments: 12,
  versions: [],
  alignment: {
    state: 'aligned',
    pivot: 'zh',
    languages: ['zh', 'en', 'ar'],
    paragraphGroups: 3,
    sentenceGroups: 6,
    flagged: 0,
    lowConfidence: 1,
    human: 0,
    confirmed: 0,
    meanConfidence: 0.81,
  },
}

function group(id: number, ordinal: number, confidence: number, zh: string[], en: string[], ar: string[]): AlignmentGroup {
  let m = id * 10
  const members = (texts: string[]) => texts.map((text, i) => ({ id: m++, ordinal: ordinal + i, blockOrdinal: ordinal, text, label: null, kind: 'paragraph' as const }))
  return {
    id, level: 'paragraph', ordinal, parentId: null, confidence, flagged: false, origin: 'auto', confirmed: false,
    paragraphLabel: String(ordinal + 1), members: { zh: members(zh), en: members(en), ar: members(ar) },
  }
}

export const alignmentAnswer: AlignmentResponse = {
  document: doc,
  level: 'paragraph',
  order: 'document',
  pivot: 'zh',
  languages: ['zh', 'en'],
  page: 1,
  pageSize: 50,
  total: 3,
  groups: [
    group(1, 0, 0.95, ['大会，'], ['The General Assembly,'], ['إن الجمعية العامة،']),
    group(2, 1, 0.42, ['重申其第70/1号决议。', '又重申可持续发展目标。'], ['Reaffirming its resolution 70/1.', 'Reaffirming also the Goals.'], ['إذ تعيد تأكيد قرارها 70/1.']),
    group(3, 2, 0.7, ['通过全球指标框架。'], ['Adopts the global indicator framework.'], ['تعتمد إطار المؤشرات العالمي.']),
  ],
}
