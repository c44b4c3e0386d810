import { readFileSync } from 'node:fs'
import { parseText, parseDocument } from './aligner/parse/index.ts'
const gold = JSON.parse(readFileSync('test/fixtures/parse/rtl/ar-report.gold.json','utf8'))
const norm = (s: string) => s.normalize('NFKC').replace(/[\u064B-\u0652\u0640]/g, '').replace(/\s+/g,' ').trim()
for (const f of ['pdf','layout','raw']) {
  const doc = f === 'pdf' ? await parseDocument({ bytes: readFileSync('test/fixtures/parse/rtl/ar-report.pdf'), fileName: 'a.pdf' }, { lang: 'ar' }) : parseText(readFileSync(`test/fixtures/parse/rtl/ar-report.${f}.txt`,'utf8'), { format: 'pdf-text', lang: 'ar' })
  const got = doc.blocks
  let exact = 0, labels = 0
  for (const g of gold) { const b = got.find(b => norm(b.text) === norm(g.text)); if (b) exact++; if (got.some(b => b.label === g.label && b.kind === g.kind && norm(b.text) === norm(g.text))) labels++ }
  console.log(f, 'blocks', got.length, 'gold', gold.length, 'text match', exact, 'with label+kind', labels, 'furniture', doc.furniture)
  if (process.argv[2] === f) for (const b of got) console.log(b.kind, b.label, b.text.slice(0, 300))
}
