/** How sure the aligner was, in three bands a person can see at a glance. */
export type ConfidenceBand = 'low' | 'mid' | 'high'

export function confidenceBand(confidence: number): ConfidenceBand {
  if (confidence < 0.5) return 'low'
  if (confidence < 0.8) return 'mid'
  return 'high'
}

export function confidencePercent(confidence: number): string {
  return `${Math.round(Math.max(0, Math.min(1, confidence)) * 100)}%`
}
