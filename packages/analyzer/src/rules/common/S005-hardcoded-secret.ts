import type { Node } from 'web-tree-sitter';
import type { NodeKinds } from '../../languages.ts';
import { bindingName, stringValue } from '../../syntax/values.ts';
import { defineRule } from '../rule.ts';

const TOKEN_PATTERNS: readonly [string, RegExp][] = [
  ['AWS access key', /\b(AKIA|ASIA)[0-9A-Z]{16}\b/],
  ['GitHub token', /\bgh[pousr]_[A-Za-z0-9]{36,}\b/],
  ['Slack token', /\bxox[abprs]-[A-Za-z0-9-]{10,}/],
  ['Stripe secret key', /\b[sr]k_live_[0-9a-zA-Z]{20,}/],
  ['Google API key', /\bAIza[0-9A-Za-z_-]{35}\b/],
  ['private key', /-----BEGIN (RSA |EC |DSA |OPENSSH |ENCRYPTED )?PRIVATE KEY-----/],
  ['JSON Web Token', /\beyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/],
  ['credentials in URL', /\b[a-z][a-z0-9+.-]*:\/\/[^\s:/@]+:[^\s:/@]{3,}@[^\s/]+/i],
];
const SECRET_NAME = /(pass(word|wd|phrase)?|pwd|secret|token|api[_-]?key|apikey|access[_-]?key|private[_-]?key|client[_-]?secret|auth[_-]?key|credentials?|signing[_-]?key)["']?$/i;
const PLACEHOLDER = /^(x+|\*+|\.+|changeme|change[_-]?me|password|passwd|secret|token|example|test|dummy|sample|none|null|undefined|todo|your[_-].*|<.*>|\{.*\}|\$\{.*\}|%.*%|\$[A-Z_]+)$/i;
/** Last word of a name that holds a password: `password`, `db_password`, `dbPassword`, `$adminPwd`. */
const PASSWORD_NAME = /(^|[^a-z])(pass(word|wd|phrase|code)?|pwd)$/;
const PASSWORD_HINT = /pass|pwd/i;
/** Every secret name contains one of these. */
const SECRET_HINT = /pass|pwd|secret|token|key|credential/i;
/** How a string literal begins in the supported languages: a quote after an optional prefix (`f"`, `@"`, `r#"`), or a heredoc. */
const LITERAL_START = /^[a-zA-Z@$#]*["'`]|^<<</;
/** A value that is filled in later: `%s`, `{}`, `{0}`, `$1`. */
const TEMPLATE = /%[sd]|\{\d*\}|\$\d/;
const EQUALITY = new Set(['==', '!=', '===', '!==']);
const MIN_ENTROPY_BITS = 3;
const MIN_LENGTH = 8;

/** Shannon entropy in bits per character. */
function entropy(value: string): number {
  const counts = new Map<string, number>();
  for (const char of value) counts.set(char, (counts.get(char) ?? 0) + 1);
  let bits = 0;
  for (const count of counts.values()) {
    const p = count / value.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}

function characterClasses(value: string): number {
  return [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/].filter((pattern) => pattern.test(value)).length;
}

function looksLikeSecret(value: string): boolean {
  return value.length >= MIN_LENGTH && !/\s/.test(value) && !PLACEHOLDER.test(value)
    && !/^(https?:\/\/|\/|\.\/)/.test(value) && entropy(value) >= MIN_ENTROPY_BITS && characterClasses(value) >= 2;
}

function lineBefore(code: string, index: number): string {
  return code.slice(code.lastIndexOf('\n', index - 1) + 1, index);
}

function lineAround(code: string, start: number, end: number): string {
  const lineEnd = code.indexOf('\n', end);
  return code.slice(code.lastIndexOf('\n', start - 1) + 1, lineEnd < 0 ? code.length : lineEnd);
}

/**
 * Passwords chosen by people are short and guessable, so any concrete value held by a password name counts, save
 * placeholders, templates, paths and labels in scripts typed without a Latin keyboard (`'auth.password': '密码'`).
 */
function looksLikePassword(value: string): boolean {
  return /[A-Za-z0-9]/.test(value) && !/\s/.test(value) && !PLACEHOLDER.test(value) && !TEMPLATE.test(value) && !/^(https?:\/\/|\/|\.\/)/.test(value);
}

/** `password_field`, `adminPwd`, `$password` with camel case split: does the name end in a password word? */
function isPasswordName(name: string): boolean {
  return PASSWORD_NAME.test(name.replace(/["'$*]|\[.*$/g, '').replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase());
}

/** Setters and definitions that name what their string argument holds. */
const SETTER = /^(set_?|with_?|put_?)(\w+)$/i;

/**
 * The name a string passed to a call stands for: the property a setter sets (`setPassword("…")`, `with_api_key("…")`)
 * or the constant a PHP `define("DB_PASSWORD", "…")` defines.
 */
function argumentName(node: Node, kinds: NodeKinds): string | null {
  // PHP wraps each argument in an `argument` node.
  const list = node.parent?.type === 'argument' ? node.parent.parent : node.parent;
  const call = list?.parent;
  if (!list || !call || !/^(arguments|argument_list)$/.test(list.type)) return null;
  const callee = (call.childForFieldName('function') ?? call.childForFieldName('name'))?.text.split(/[.>:]/).at(-1) ?? '';
  const property = SETTER.exec(callee)?.[2];
  // Most calls set nothing secret: the callee's name decides before the arguments are read.
  if (callee !== 'define' && !(property && (isPasswordName(property) || SECRET_NAME.test(property)))) return null;
  const args = list.namedChildren.filter((child): child is Node => child !== null && !child.type.endsWith('comment'));
  const position = args.findIndex((child) => child.equals(node) || child.namedChildren.some((part) => part?.equals(node)));
  const first = args[0]?.type === 'argument' ? args[0].firstNamedChild : args[0];
  if (callee === 'define') return position === 1 && first ? stringValue(first, kinds) : null;
  return position === 0 && args.length === 1 ? property ?? null : null;
}

/** The other operand when the string is compared for equality (`password == "root"`), else null. */
function comparedWith(node: Node): Node | null {
  const parent = node.parent;
  if (!parent || !/comparison|binary/.test(parent.type)) return null;
  const operator = parent.children.find((child) => child !== null && !child.isNamed);
  if (!operator || !EQUALITY.has(operator.text)) return null;
  const other = parent.namedChildren.find((child) => child !== null && !child.equals(node)) ?? null;
  // `typeof password === "string"` compares the name of a type, not the value the name holds.
  return other?.type === 'unary_expression' ? null : other;
}

export default defineRule({
  meta: {
    id: 'S005',
    name: 'hardcoded-secret',
    title: 'Hard-coded secret',
    category: 'security',
    severity: 'high',
    confidence: 'medium',
    cwe: 'CWE-798',
    languages: 'all',
    messages: { en: 'Hard-coded {kind} in source code', zh: '源代码中硬编码了{kind}' },
    suggestion: {
      en: 'Load secrets from the environment or a secret manager and rotate the exposed value',
      zh: '从环境变量或密钥管理服务读取密钥，并轮换已泄露的值',
    },
  },
  create(context) {
    const mentionsPassword = PASSWORD_HINT.test(context.code);
    const check = (node: Node) => {
      const text = node.text;
      // Short values can only be passwords: most strings are short, so they go on only where the line names one.
      if (text.length < MIN_LENGTH && !(mentionsPassword && PASSWORD_HINT.test(lineBefore(context.code, node.startIndex)))) return;
      // TypeScript's `string` type keyword is an anonymous node of type `string`, without quotes.
      if (!LITERAL_START.test(text)) return;
      // Passwords and secrets hold no whitespace, so such a string can only match a known token format.
      if (/\s/.test(text) && !TOKEN_PATTERNS.some(([, pattern]) => pattern.test(text))) return;
      const value = stringValue(node, context.spec.kinds);
      if (value === null || value === '') return;
      const token = TOKEN_PATTERNS.find(([, pattern]) => pattern.test(value));
      // Neither a token nor a password nor a secret, whatever name holds it: the tree is not climbed.
      if (!token && !looksLikePassword(value) && !looksLikeSecret(value)) return;
      // The name that makes a value secret stands on its line (`password = "…"`, `"api_key": "…"`, `"…" == token`).
      if (!token && !(looksLikeSecret(value) ? SECRET_HINT : PASSWORD_HINT).test(lineAround(context.code, node.startIndex, node.endIndex))) return;
      // A string nested in another (a PHP or template part) is reported as the outer one.
      if (node.parent && context.spec.kinds.string.includes(node.parent.type)) return;
      if (token) {
        context.report({ node, data: { kind: token[0] }, confidence: 'high' });
        return;
      }
      const name = bindingName(node, 3, true) ?? comparedWith(node)?.text.split(/[.>]/).at(-1) ?? argumentName(node, context.spec.kinds);
      if (!name) return;
      if (isPasswordName(name) ? looksLikePassword(value) : SECRET_NAME.test(name.replace(/\[.*$/, '')) && looksLikeSecret(value)) {
        context.report({ node, data: { kind: `secret (${name})` } });
      }
    };
    return { string: check };
  },
});
