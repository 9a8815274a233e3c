// "Did you mean" suggestions by edit distance, for unknown symbols and mnemonics.

/** Levenshtein distance, stopping early once it exceeds `max`. */
export function editDistance(a: string, b: string, max = 3): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  // Optimal string alignment distance: a swap of two neighbours (mvo/mov) counts as one edit.
  let prev2 = new Array<number>(b.length + 1).fill(0);
  let prev = new Array<number>(b.length + 1);
  let cur = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = cur[0];
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a.charCodeAt(i - 1) === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === b.charCodeAt(j - 1)) v = Math.min(v, prev2[j - 2] + 1);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return prev[b.length];
}

/** The closest candidate within a distance scaled to the word length, or undefined. */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
  const max = word.length <= 3 ? 1 : word.length <= 6 ? 2 : 3;
  let best: string | undefined;
  let bestD = max + 1;
  const lw = word.toLowerCase();
  for (const c of candidates) {
    if (c === word) continue;
    const d = c.toLowerCase() === lw ? 0.5 : editDistance(lw, c.toLowerCase(), max);
    if (d < bestD) { bestD = d; best = c; }
  }
  return best;
}

/** " (did you mean `x`?)" or "". */
export function didYouMean(word: string, candidates: Iterable<string>): string {
  const c = closest(word, candidates);
  return c ? ` (did you mean '${c}'?)` : '';
}
