/**
 * Reading an input file, with what can go wrong said in words (not a raw EISDIR or ENOENT): the
 * import pipeline and the command line read files through here.
 */
import { readFile } from 'node:fs/promises'

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

/** The bytes of `path`, or an Error naming the file and saying in words why it cannot be read. */
export async function readInputFile(path: string): Promise<Buffer> {
  try {
    return await readFile(path)
  } catch (error) {
    throw new Error(`cannot read ${path}: ${fileErrorText(error)}`)
  }
}
