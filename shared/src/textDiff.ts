/**
 * A word-level difference between two texts, for showing what an edit of a note changed:
 * runs of kept, removed and added words (whitespace stays with the word before it). A longest
 * common subsequence over words: notes are short (NOTE_MAX_TEXT), so the quadratic table is
 * small; past MAX_WORDS the texts are shown as one removal and one addition.
 */
export interface TextRun {
  op: 'same' | 'removed' | 'added';
  text: string;
}

const MAX_WORDS = 400;

function words(text: string): string[] {
  return text.match(/\S+\s*|\s+/g) ?? [];
}

function push(runs: TextRun[], op: TextRun['op'], text: string): void {
  const last = runs[runs.length - 1];
  if (last && last.op === op) last.text += text;
  else runs.push({ op, text });
}

export function textDiff(from: string, to: string): TextRun[] {
  const a = words(from);
  const b = words(to);
  const runs: TextRun[] = [];
  if (a.length > MAX_WORDS || b.length > MAX_WORDS) {
    if (from) runs.push({ op: 'removed', text: from });
    if (to) runs.push({ op: 'added', text: to });
    return runs;
  }
  // lcs[i][j]: the longest common subsequence of a[i..] and b[j..], compared without trailing space.
  const key = (w: string) => w.trimEnd();
  const lcs = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      const row = lcs[i] as number[];
      row[j] =
        key(a[i] as string) === key(b[j] as string)
          ? ((lcs[i + 1] as number[])[j + 1] as number) + 1
          : Math.max((lcs[i + 1] as number[])[j] as number, row[j + 1] as number);
    }
  }
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (key(a[i] as string) === key(b[j] as string)) {
      push(runs, 'same', b[j] as string);
      i++;
      j++;
    } else if (((lcs[i + 1] as number[])[j] as number) >= ((lcs[i] as number[])[j + 1] as number)) {
      push(runs, 'removed', a[i++] as string);
    } else push(runs, 'added', b[j++] as string);
  }
  while (i < a.length) push(runs, 'removed', a[i++] as string);
  while (j < b.length) push(runs, 'added', b[j++] as string);
  return runs;
}
