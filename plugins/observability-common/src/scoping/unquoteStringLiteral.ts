const simpleEscapes: Record<string, number> = {
  a: 0x07,
  b: 0x08,
  f: 0x0c,
  n: 0x0a,
  r: 0x0d,
  t: 0x09,
  v: 0x0b,
  '\\': 0x5c,
};

const utf8 = new TextEncoder();
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

function pushCodePoint(bytes: number[], codePoint: number): void {
  bytes.push(...utf8.encode(String.fromCodePoint(codePoint)));
}

/**
 * Decodes a PromQL/LogQL string literal the way the servers do (Go's `strconv.Unquote`,
 * plus single-quoted strings): double or single quotes with Go escapes, or raw backtick
 * strings. Returns `undefined` for a literal the server would reject, so a matcher whose
 * label name is spelled with escapes (`"n\x61mespace"`) is still recognised.
 */
export function unquoteStringLiteral(literal: string): string | undefined {
  const quote = literal[0];
  if (literal.length < 2 || literal[literal.length - 1] !== quote) {
    return undefined;
  }
  const body = literal.slice(1, -1);
  if (quote === '`') {
    return body.includes('`') ? undefined : body;
  }
  if (quote !== '"' && quote !== "'") {
    return undefined;
  }
  if (!body.includes('\\')) {
    const valid =
      !body.includes(quote) && !body.includes('\n') && body.isWellFormed();
    return valid ? body : undefined;
  }
  const bytes: number[] = [];
  let i = 0;
  while (i < body.length) {
    const c = body[i];
    if (c === quote || c === '\n') {
      return undefined;
    }
    if (c !== '\\') {
      const codePoint = body.codePointAt(i)!;
      pushCodePoint(bytes, codePoint);
      i += codePoint > 0xffff ? 2 : 1;
      continue;
    }
    const e = body[i + 1];
    if (e === undefined) {
      return undefined;
    }
    if (e in simpleEscapes) {
      bytes.push(simpleEscapes[e]);
      i += 2;
    } else if (e === quote) {
      bytes.push(quote.charCodeAt(0));
      i += 2;
    } else if (e === 'x' || e === 'u' || e === 'U') {
      const width = { x: 2, u: 4, U: 8 }[e];
      const digits = body.slice(i + 2, i + 2 + width);
      if (digits.length !== width || !/^[0-9a-fA-F]+$/.test(digits)) {
        return undefined;
      }
      const value = parseInt(digits, 16);
      if (e === 'x') {
        bytes.push(value);
      } else if (value > 0x10ffff || (value >= 0xd800 && value <= 0xdfff)) {
        return undefined;
      } else {
        pushCodePoint(bytes, value);
      }
      i += 2 + width;
    } else if (/[0-7]/.test(e)) {
      const digits = body.slice(i + 1, i + 4);
      if (!/^[0-7]{3}$/.test(digits) || parseInt(digits, 8) > 0xff) {
        return undefined;
      }
      bytes.push(parseInt(digits, 8));
      i += 4;
    } else {
      return undefined;
    }
  }
  try {
    return strictUtf8.decode(new Uint8Array(bytes));
  } catch {
    return undefined;
  }
}
