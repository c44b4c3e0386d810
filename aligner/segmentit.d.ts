// segmentit is CommonJS without type declarations; this is the part Sixfold uses.
declare module 'segmentit' {
  export interface SegmentToken {
    w: string
    p?: number
  }
  export class Segment {
    constructor()
    doSegment(text: string, options?: { simple?: false; stripPunctuation?: boolean }): SegmentToken[]
    doSegment(text: string, options: { simple: true; stripPunctuation?: boolean }): string[]
    loadDict(dict: string | string[], type?: string, convertToLower?: boolean): this
  }
  export function useDefault(segment: Segment): Segment
  const segmentit: { Segment: typeof Segment; useDefault: typeof useDefault }
  export default segmentit
}
