/**
 * Text from a file, as a message may quote it: control characters (NUL, bell, escape, ...)
 * and the replacement character U+FFFD (what undecodable bytes become) are shown as `·`,
 * and the quote is cut to `max` characters. A glossary file in UTF-16 without a byte-order
 * mark, or a binary file, would otherwise echo NULs and raw bytes into the error message.
 */
export function printable(text: string, max = 120): string {
  const shown = text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\ufffd]+/g, '·')
  return shown.length > max ? `${shown.slice(0, max)}…` : shown
}

/**
 * Why a glossary file's text cannot be a glossary at all, or null: NUL characters never occur
 * in CSV or TBX text; many of them mean UTF-16 read as UTF-8, a few a file that is not text.
 */
export function unreadableText(text: string): string | null {
  if (!text.includes('\u0000')) return null
  const nulls = text.length - text.replaceAll('\u0000', '').length
  return nulls * 4 >= text.length
    ? 'the file holds NUL characters between its letters: it looks like UTF-16 text read as UTF-8; save it as UTF-8'
    : 'the file holds NUL characters: it is not a text file (save the glossary as UTF-8 CSV or TBX)'
}
