import type { Node } from 'web-tree-sitter';
import { defineRule } from '../rule.ts';
import { carriesInput, JS_FAMILY, patternFor, type PatternTable } from '../patterns.ts';
import { escapedRegex } from '../../syntax/escaping.ts';
import { stringValue } from '../../syntax/values.ts';

/** Calls whose first argument is compiled as a regular expression. */
const REGEX_CALLS: PatternTable = {
  js: /^(new )?RegExp$/,
  python: /^(re|regex)\.(compile|search|match|fullmatch|findall|finditer|sub|subn|split)$/,
};

/**
 * A loop body that can split a run of characters between iterations in many ways: one unbounded item with the rest
 * optional (`a+`, `\w+\s?`, `[-.]?\w+`), or two required unbounded items over the same characters (`x+x+`, `.+.+`).
 */
function ambiguousLoopBody(items: Item[]): boolean {
  const unbounded = items.filter((part) => part.unbounded);
  if (unbounded.length === 0 || !items.every((part) => part.unbounded || part.optional)) return false;
  // Optional loops can vanish, leaving the others next to each other across iterations.
  const required = unbounded.filter((part) => !part.optional);
  if (required.length <= 1) return true;
  const same = (a: Item, b: Item) => a.atom === b.atom || a.atom === '.' || b.atom === '.';
  return required.some((part, i) => required.some((other, j) => i !== j && same(part, other)));
}

interface Item {
  /** The text of the repeated atom, without its quantifier. */
  atom: string;
  /** The item can repeat without bound: its own quantifier, or one inside it (a group). */
  unbounded: boolean;
  /** The item can match nothing (quantifier with a minimum of 0, or a lookaround). */
  optional: boolean;
}

/**
 * Finds a repeated group whose body repeats without bound and needs nothing else to match, as in `(a+)+`,
 * `(\w+\s?)*` or `(x+x+)+`: the ways to split a long input between the loops grow exponentially when the rest fails
 * to match. A mandatory separator inside the loop (`(\w+\.)*`) leaves one way, so it is not reported.
 */
export function nestedQuantifier(pattern: string): boolean {
  let index = 0;
  let found = false;

  const quantifier = (): { min: number; unbounded: boolean; possessive: boolean } | null => {
    const rest = pattern.slice(index);
    const match = /^(?:([*+?])|\{(\d*)(,?)(\d*)\})([?+]?)/.exec(rest);
    if (!match) return null;
    index += match[0].length;
    const [, symbol, min, comma, max, mode] = match;
    if (symbol) return { min: symbol === '+' ? 1 : 0, unbounded: symbol !== '?', possessive: mode === '+' };
    return { min: Number(min || 0), unbounded: comma === ',' && max === '', possessive: mode === '+' };
  };

  /** Parses alternatives up to the closing parenthesis; returns each alternative's items. */
  const alternatives = (): Item[][] => {
    const result: Item[][] = [[]];
    while (index < pattern.length) {
      const char = pattern[index]!;
      if (char === ')') return result;
      if (char === '|') {
        index += 1;
        result.push([]);
        continue;
      }
      let item: Item;
      const start = index;
      if (char === '(') {
        const prefix = /^\((\?(<?[=!]|[:>]|P?<\w+>|[a-zA-Z-]+:|[a-zA-Z-]+\)))?/.exec(pattern.slice(index))?.[0] ?? '(';
        index += prefix.length;
        // Inline flags (`(?i)`) close themselves.
        if (prefix.endsWith(')')) continue;
        const lookaround = /^\(\?<?[=!]/.test(prefix);
        const inner = alternatives();
        index += 1;
        const q = quantifier();
        const innerUnbounded = inner.some((items) => items.some((part) => part.unbounded));
        // Backtracking explodes only when a match fails after the loop: something must follow it.
        const constrained = !/^\)*(\||$)/.test(pattern.slice(index));
        if (q?.unbounded && !q.possessive && !lookaround && !prefix.startsWith('(?>') && constrained && inner.some(ambiguousLoopBody)) {
          found = true;
        }
        item = lookaround ? { atom: '', unbounded: false, optional: true } : { atom: pattern.slice(start, index), unbounded: innerUnbounded || (q?.unbounded ?? false), optional: (q?.min ?? 1) === 0 || inner.some((items) => items.every((part) => part.optional)) };
      } else {
        if (char === '[') {
          const end = /^\[\^?\]?(\\.|[^\]\\])*\]/.exec(pattern.slice(index))?.[0].length ?? 1;
          index += end;
        } else if (char === '\\') {
          index += 2;
        } else {
          index += 1;
        }
        if (/^[\^$]$/.test(char)) {
          result.at(-1)!.push({ atom: char, unbounded: false, optional: true });
          continue;
        }
        const atom = pattern.slice(start, index);
        const q = quantifier();
        item = { atom, unbounded: q?.unbounded ?? false, optional: (q?.min ?? 1) === 0 };
      }
      result.at(-1)!.push(item);
    }
    return result;
  };

  while (index < pattern.length) {
    alternatives();
    // An unbalanced `)` ends a level early; skip it and read on.
    index += 1;
  }
  return found;
}

/** The source of a regular expression literal or of a plain string holding one, escapes read as the language reads them. */
function regexSource(node: Node, kinds: Parameters<typeof stringValue>[1]): string | null {
  if (node.type === 'regex') return node.childForFieldName('pattern')?.text ?? null;
  if (stringValue(node, kinds) === null) return null;
  const prefix = /^[a-zA-Z]*/.exec(node.text)?.[0] ?? '';
  const body = node.text.slice(prefix.length).replace(/^("""|'''|"|'|`)/, '').replace(/("""|'''|"|'|`)$/, '');
  return /r/i.test(prefix) ? body : body.replace(/\\(.)/g, '$1');
}

export default defineRule({
  meta: {
    id: 'S035',
    name: 'redos',
    title: 'Regular expression denial of service',
    category: 'security',
    severity: 'medium',
    confidence: 'medium',
    cwe: 'CWE-1333',
    languages: ['python', ...JS_FAMILY],
    messages: { en: '{detail}: matching can take exponential time on crafted input (ReDoS)', zh: '{detail}：构造的输入可使匹配耗费指数级时间（ReDoS）' },
    suggestion: {
      en: 'Remove the nested repetition (make the inner loop need a separator, or use one loop); escape input with re.escape() before putting it in a pattern',
      zh: '去掉嵌套重复（让内层循环需要分隔符，或合并为一个循环）；将输入放入正则前用 re.escape() 转义',
    },
    suggestionByLanguage: {
      js: {
        en: 'Remove the nested repetition (make the inner loop need a separator, or use one loop); escape input (lodash escapeRegExp, escape-string-regexp) before building a RegExp, or use the re2 package',
        zh: '去掉嵌套重复（让内层循环需要分隔符，或合并为一个循环）；构造 RegExp 前转义输入（lodash escapeRegExp、escape-string-regexp），或改用 re2 包',
      },
    },
  },
  create(context) {
    const calls = patternFor(REGEX_CALLS, context.spec.id);
    const { kinds } = context.spec;
    const checkLiteral = (node: Node, pattern: Node) => {
      const source = regexSource(pattern, kinds);
      if (source !== null && nestedQuantifier(source)) context.report({ node, data: { detail: 'Nested repetition in the regular expression' } });
    };
    return {
      call(node) {
        const call = context.call(node);
        const pattern = call.args[0];
        if (!pattern || !calls?.test(call.name)) return;
        // Input every part of which went through `re.escape()` or `escapeRegExp()` matches only itself.
        if (carriesInput(pattern, context) && !escapedRegex(pattern, context.spec)) {
          context.report({ node, data: { detail: 'Regular expression built from request data' }, severity: 'high' });
        } else {
          checkLiteral(node, pattern);
        }
      },
      regex(node) {
        checkLiteral(node, node);
      },
    };
  },
});
