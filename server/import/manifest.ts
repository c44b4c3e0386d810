/** `corpora/<document>/manifest.json`: names a document and, for pre-aligned material, says how to read it. */
import { z } from 'zod'

const files = z.partialRecord(z.enum(['zh', 'en', 'fr', 'es', 'ru', 'ar']), z.string().min(1))

export const manifestSchema = z.object({
  symbol: z.string().min(1).max(200).optional(),
  title: z.string().max(1000).optional(),
  format: z.enum(['document', 'parallel', 'keyed-yaml']).optional(),
  /** parallel: a file per language; keyed-yaml: a folder per language. */
  files: files.optional(),
  /** parallel: a file with one id per line (its first field labels the line). */
  ids: z.string().optional(),
})

export type Manifest = z.infer<typeof manifestSchema>

export function parseManifest(text: string, path: string): Manifest {
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (error) {
    throw new Error(`${path}: not valid JSON (${(error as Error).message})`)
  }
  const result = manifestSchema.safeParse(json)
  if (!result.success) {
    const issue = result.error.issues[0]
    throw new Error(`${path}: ${issue.path.join('.') || 'manifest'}: ${issue.message}`)
  }
  const m = result.data
  if ((m.format === 'parallel' || m.format === 'keyed-yaml') && (!m.files || Object.keys(m.files).length === 0)) {
    throw new Error(`${path}: format "${m.format}" needs "files" (a ${m.format === 'parallel' ? 'file' : 'folder'} per language)`)
  }
  return m
}
