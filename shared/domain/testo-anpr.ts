/**
 * Text typed (or pasted from a word processor) into a pratica, made
 * acceptable to ANPR's XSD text patterns, which allow the ASCII apostrophe
 * and quotes but not their typographic forms: ’ ‘ → ', “ ” « » → ", – — → -,
 * … → ..., non-breaking and other Unicode spaces → space.
 */
const SOSTITUZIONI: [RegExp, string][] = [
  [/[\u2018\u2019\u201A\u201B\u2032\u00B4\u0060]/g, "'"],
  [/[\u201C\u201D\u201E\u201F\u2033\u00AB\u00BB]/g, '"'],
  [/[\u2010-\u2015\u2212]/g, '-'],
  [/\u2026/g, '...'],
  [/[\u00A0\u2000-\u200A\u202F\u205F\u3000]/g, ' '],
];

export function testoPerAnpr(s: string): string {
  let out = s;
  for (const [re, con] of SOSTITUZIONI) out = out.replace(re, con);
  return out;
}

/** Every string in a JSON value (a pratica payload), normalised with `testoPerAnpr`. */
export function normalizzaTestiPerAnpr<T>(valore: T): T {
  if (typeof valore === 'string') return testoPerAnpr(valore) as T;
  if (Array.isArray(valore)) return valore.map((v) => normalizzaTestiPerAnpr(v)) as T;
  if (valore !== null && typeof valore === 'object') {
    return Object.fromEntries(Object.entries(valore as Record<string, unknown>).map(([k, v]) => [k, normalizzaTestiPerAnpr(v)])) as T;
  }
  return valore;
}
