// Every colour the console paints comes from styles/tokens.css: a raw colour in a
// feature's stylesheet, or a var() that no stylesheet defines (a typo renders as
// nothing, silently), fails here.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const RENDERER = path.resolve(__dirname, '..');
const TOKENS = path.join(RENDERER, 'styles', 'tokens.css');

// CSS Color 4 named colours (transparent and currentColor are not paint choices).
const NAMED = (
  'aliceblue antiquewhite aqua aquamarine azure beige bisque black blanchedalmond blue ' +
  'blueviolet brown burlywood cadetblue chartreuse chocolate coral cornflowerblue cornsilk ' +
  'crimson cyan darkblue darkcyan darkgoldenrod darkgray darkgreen darkgrey darkkhaki ' +
  'darkmagenta darkolivegreen darkorange darkorchid darkred darksalmon darkseagreen ' +
  'darkslateblue darkslategray darkslategrey darkturquoise darkviolet deeppink deepskyblue ' +
  'dimgray dimgrey dodgerblue firebrick floralwhite forestgreen fuchsia gainsboro ghostwhite ' +
  'gold goldenrod gray green greenyellow grey honeydew hotpink indianred indigo ivory khaki ' +
  'lavender lavenderblush lawngreen lemonchiffon lightblue lightcoral lightcyan ' +
  'lightgoldenrodyellow lightgray lightgreen lightgrey lightpink lightsalmon lightseagreen ' +
  'lightskyblue lightslategray lightslategrey lightsteelblue lightyellow lime limegreen linen ' +
  'magenta maroon mediumaquamarine mediumblue mediumorchid mediumpurple mediumseagreen ' +
  'mediumslateblue mediumspringgreen mediumturquoise mediumvioletred midnightblue mintcream ' +
  'mistyrose moccasin navajowhite navy oldlace olive olivedrab orange orangered orchid ' +
  'palegoldenrod palegreen paleturquoise palevioletred papayawhip peachpuff peru pink plum ' +
  'powderblue purple rebeccapurple red rosybrown royalblue saddlebrown salmon sandybrown ' +
  'seagreen seashell sienna silver skyblue slateblue slategray slategrey snow springgreen ' +
  'steelblue tan teal thistle tomato turquoise violet wheat white whitesmoke yellow yellowgreen'
).split(' ');
const NAMED_RE = new RegExp(`(?<![\\w-])(?:${NAMED.join('|')})(?![\\w-])`, 'gi');
const FUNCTIONAL_RE = /(?<![\w-])(?:rgba?|hsla?|hwb|lab|lch|oklab|oklch|color)\(/gi;
const HEX_RE = /#[0-9a-f]{3,8}(?![\w-])/gi;

/** The declaration lists of a stylesheet (comments and strings removed): what can paint. */
function declarationBlocks(css: string): string[] {
  const text = css.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(['"])(?:\\.|(?!\1).)*\1/g, '""');
  // A run of text that ends at `}` is a declaration list; one that ends at `{` is a selector.
  return [...text.matchAll(/[^{}]*(?=})/g)].map((m) => m[0]).filter((s) => s.includes(':'));
}

/** Raw colours in a stylesheet's declaration values (custom property names and var() names ignored). */
export function rawColours(css: string): string[] {
  const found: string[] = [];
  for (const block of declarationBlocks(css)) {
    for (const decl of block.split(';')) {
      const colon = decl.indexOf(':');
      if (colon < 0) continue;
      const value = decl.slice(colon + 1).replace(/--[\w-]+/g, '');
      for (const re of [HEX_RE, FUNCTIONAL_RE, NAMED_RE]) {
        for (const m of value.matchAll(re)) found.push(m[0]);
      }
    }
  }
  return found;
}

export function definedProperties(css: string): Set<string> {
  const names = declarationBlocks(css).flatMap((b) =>
    [...b.matchAll(/(?:^|;)\s*(--[\w-]+)\s*:/g)].map((m) => m[1]!),
  );
  return new Set(names);
}

export function usedProperties(css: string): string[] {
  return [...css.replace(/\/\*[\s\S]*?\*\//g, '').matchAll(/var\(\s*(--[\w-]+)/g)].map(
    (m) => m[1]!,
  );
}

function filesEndingWith(dir: string, ends: string[]): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' ? [] : filesEndingWith(p, ends);
    return ends.some((end) => e.name.endsWith(end)) && !e.name.includes('.test.') ? [p] : [];
  });
}

/** Custom properties a component sets at run time (`style.setProperty('--x', …)`). */
function scriptSetProperties(): Set<string> {
  const sources = filesEndingWith(RENDERER, ['.ts', '.tsx']).map((f) => readFileSync(f, 'utf8'));
  return new Set(sources.flatMap((s) => [...s.matchAll(/['"](--[\w-]+)['"]/g)].map((m) => m[1]!)));
}

describe('the stylesheet scanner', () => {
  it('finds hex, functional and named colours in values, not in names or comments', () => {
    const css = `/* #fff red */ .a { color: #0a0d12; border: 1px solid rgba(0, 0, 0, 0.5); }
      .red-b:hover { background: hsl(0 0% 0%); outline-color: White; white-space: nowrap; }
      .c { color: var(--white-a20); content: 'red'; background: transparent; fill: currentColor; }`;
    expect(rawColours(css)).toEqual(['#0a0d12', 'rgba(', 'hsl(', 'White']);
  });

  it('knows which custom properties a stylesheet defines and uses', () => {
    const css = ':root { --bg: #000; --a-2: 1px; } .x { color: var(--bg); margin: var( --b, 0); }';
    expect([...definedProperties(css)]).toEqual(['--bg', '--a-2']);
    expect(usedProperties(css)).toEqual(['--bg', '--b']);
  });
});

describe('renderer stylesheets', () => {
  const files = filesEndingWith(RENDERER, ['.css']);

  it('are found, tokens.css among them', () => {
    expect(files).toContain(TOKENS);
    expect(files.length).toBeGreaterThan(5);
  });

  it('paint only with tokens: no raw colour outside tokens.css', () => {
    const offenders = files
      .filter((f) => f !== TOKENS)
      .flatMap((f) =>
        rawColours(readFileSync(f, 'utf8')).map((c) => `${path.relative(RENDERER, f)}: ${c}`),
      );
    expect(offenders).toEqual([]);
  });

  it('use only custom properties that a stylesheet defines or a component sets', () => {
    const sources = files.map((f) => readFileSync(f, 'utf8'));
    const defined = new Set([
      ...sources.flatMap((css) => [...definedProperties(css)]),
      ...scriptSetProperties(),
    ]);
    const undefinedUses = files.flatMap((f, i) =>
      usedProperties(sources[i]!)
        .filter((name) => !defined.has(name))
        .map((name) => `${path.relative(RENDERER, f)}: ${name}`),
    );
    expect(undefinedUses).toEqual([]);
  });
});
