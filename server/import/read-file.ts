/**
 * Reading an input file, with what can go wrong said in words (not a raw EISDIR or ENOENT): the
 * import pipeline and the command line read files through here.
 */
import { readFile, stat } from 'node:fs/promises'
import { tooLarge } from '../../aligner/parse/decode.ts'

/**
 * The largest file the import reads whole: a TMX, a parallel or YAML file, a manifest (a language
 * version is held to the parser's 50 MB after it is read). Past it the file is refused before it is
 * read, since parsing it would take several times its size in memory.
 */
export const MAX_INPUT_FILE_BYTES = 200 * 1024 * 1024

/** An errno code in words. */
export function fileErrorText(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code
  const words: Record<string, string> = {
    ENOENT: 'no such file or folder',
    EACCES: 'permission denied',
    EPERM: 'operation not permitted',
    EISDIR: 'it is a folder, not a file',
    ENOTDIR: 'a part of the path is a file, not a folder',
    EROFS: 'read-only file system',
    ENOSPC: 'no space left on the device',
    EMFILE: 'too many open files',
  }
  return (code && words[code]) ?? (error instanceof Error ? error.message.split('\n')[0] : String(error))
}

/**
 * The bytes of `path`, or an Error naming the file and saying in words why it cannot be read; a file
 * over `maxBytes` is refused (SixfoldError 'too-large') before it is read.
 */
export async function readInputFile(path: string, maxBytes = MAX_INPUT_FILE_BYTES): Promise<Buffer> {
  let size: number
  try {
    size = (await stat(path)).size
  } catch (error) {
    throw new Error(`cannot read ${path}: ${fileErrorText(error)}`)
  }
  if (size > maxBytes) throw tooLarge(path, size, maxBytes, 'split it into smaller files')
  try {
    return await readFile(path)
  } catch (error) {
    throw new Error(`cannot read ${path}: ${fileErrorText(error)}`)
  }
}
