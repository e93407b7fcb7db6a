export interface BenchResult {
  name: string;
  unit: string;
  median: number;
  baseline?: number;
  ratio?: number;
  note?: string;
}

/** Median of a list of numbers. */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Times `fn` in `rounds` rounds of `perRound` calls each; returns per-call medians in ms. */
export async function timePerCall(fn: () => unknown, rounds = 15, perRound = 50): Promise<number> {
  for (let i = 0; i < perRound; i++) await fn(); // warm-up
  const samples: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < perRound; i++) await fn();
    samples.push(Number(process.hrtime.bigint() - start) / 1e6 / perRound);
  }
  return median(samples);
}
