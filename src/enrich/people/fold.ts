// Case and accent folding for comparing names: "Rahmon’s", "RAHMON" and "Rahmón" all compare as "rahmon".

/** Lowercase, strip accents and unify apostrophes, so spellings that differ only in those compare equal. */
export function foldName(text: string): string {
  // Most words are plain ASCII: lowercasing is all they need, and far cheaper than Unicode normalisation.
  if (/^[\x21-\x5f\x61-\x7e]*$/.test(text)) return text.toLowerCase()
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[’‘`´]/g, "'")
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase()
}
