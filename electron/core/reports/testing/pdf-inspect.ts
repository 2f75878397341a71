// What poppler sees in a rendered PDF, for the report tests: each word with its box,
// and the fonts a viewer would have to substitute.
import { execFileSync } from 'node:child_process';

export interface Word {
  page: number;
  text: string;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}

/** Every word with its box in points (top-left origin), as poppler lays the page out. */
export function wordBoxes(file: string): { words: Word[]; pageW: number; pageH: number } {
  const xml = execFileSync('pdftotext', ['-bbox', file, '-'], { encoding: 'utf8' });
  const size = /<page width="([\d.]+)" height="([\d.]+)"/.exec(xml)!;
  const words: Word[] = [];
  xml.split('<page ').forEach((chunk, i) => {
    const re =
      /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g;
    for (const m of chunk.matchAll(re))
      words.push({
        page: i,
        text: m[5]!,
        xMin: Number(m[1]),
        yMin: Number(m[2]),
        xMax: Number(m[3]),
        yMax: Number(m[4]),
      });
  });
  return { words, pageW: Number(size[1]), pageH: Number(size[2]) };
}

/** Fonts pdffonts lists with "emb" = no: a viewer draws them in a font of its own. */
export function unembeddedFonts(file: string): string[] {
  return execFileSync('pdffonts', [file], { encoding: 'utf8' })
    .split('\n')
    .slice(2)
    .filter((l) => l.trim() !== '' && !/\byes\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+\s*$/.test(l));
}
