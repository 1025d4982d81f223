import type { Node } from 'web-tree-sitter';
import { functionName } from '../../syntax/functions.ts';
import { bindingName, enclosing } from '../../syntax/values.ts';
import { defineRule } from '../rule.ts';
import { patternFor, tableLanguages, type PatternTable } from '../patterns.ts';

const WEAK_RANDOM: PatternTable = {
  python: /^random\.(random|randint|randrange|choice|choices|getrandbits|sample|uniform|shuffle)$/,
  js: /^Math\.random$/,
  java: /^(new (java\.util\.)?Random|Math\.random|RandomStringUtils\.random\w*)$/,
  go: /^rand\.(Int|Intn|Int31|Int63|Int63n|Int31n|Uint32|Uint64|Read|Float64)$/,
  php: /^(rand|mt_rand|uniqid|lcg_value|str_shuffle|array_rand)$/,
  csharp: /^new (System\.)?Random$/,
  c: /^(rand|random|srand)$/,
  cpp: /^(rand|random|srand|std\.rand)$/,
};
/** Words that make a value secret on their own: `reset_token`, `csrfToken`, `otp`, `salt`. */
const SECRET_WORDS = new Set([
  'token', 'secret', 'password', 'passwd', 'pwd', 'passphrase', 'passcode', 'nonce', 'salt', 'otp', 'totp', 'hotp', 'csrf', 'xsrf',
  'apikey', 'captcha', 'credential', 'credentials', 'session', 'sessionid', 'pin', 'iv',
]);
/** Nouns that are secret only with a qualifier: `api_key` and `verification_code`, not `sort_key` or `status_code`. */
const QUALIFIED_NOUNS = new Set(['key', 'code', 'id', 'link', 'url']);
const QUALIFIERS = new Set([
  'api', 'secret', 'private', 'signing', 'encryption', 'encrypt', 'crypto', 'aes', 'hmac', 'auth', 'access', 'master', 'license',
  'activation', 'activate', 'reset', 'recovery', 'jwt', 'ssh', 'symmetric', 'shared', 'verification', 'verify', 'confirm',
  'confirmation', 'invite', 'invitation', 'login', 'sms', 'email', 'security', 'mfa', '2fa', 'backup', 'one',
  // Codes that are redeemed for access or value: whoever guesses one gets what it grants.
  'voucher', 'coupon', 'promo', 'gift', 'redeem', 'redemption', 'claim', 'pairing', 'unlock',
]);
/** Nouns that, held bare (`code = …`), take their qualifier from the function they are made in: `code` in `request_otp()`. */
const BARE_NOUNS = new Set(['code', 'key']);
/** Qualifiers that name making a key: `generate_key()`, `new_key`. */
const KEY_MAKERS = new Set(['generate', 'gen', 'make', 'create', 'new', 'random']);
const MATH_RAND_IMPORT = /"math\/rand(\/v2)?"/;
const CALL_NAME = /([\w$]+)\s*\($/;
const STATEMENT = /statement$|^block$|^module$|^program$/;
const COLLECTING_METHODS = new Set(['append', 'extend', 'insert', 'add', 'push', 'unshift', 'write']);

/** Lower-case words of an identifier: `resetToken`, `RESET_TOKEN` and `reset-token` all give reset, token. */
function words(name: string): string[] {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase().split(/[^a-z0-9]+/).filter((word) => word !== '');
}

function isSecurityName(name: string): boolean {
  const parts = words(name);
  return parts.some((word, index) => {
    if (SECRET_WORDS.has(word)) return true;
    if (!QUALIFIED_NOUNS.has(word)) return false;
    return parts.some((other, at) => at !== index && (QUALIFIERS.has(other) || (word === 'key' && KEY_MAKERS.has(other))));
  });
}

/** Expressions that hold a variable without being built from it: containers return it beside other values, functions defer it. */
const RETURNED_WHOLE = /^(object|array|list|tuple|dictionary|set|pair|expression_list|arrow_function|lambda|function_expression)$/;

/** Whether the expression's value is built from the variable: `out`, `"".join(out)`, `out.slice(2)`, `str(t)`, not `{ out, delay }`. */
function derivesFrom(node: Node, name: string): boolean {
  if (node.type === 'identifier') return node.text === name;
  if (RETURNED_WHOLE.test(node.type)) return false;
  if (node.type === 'keyword_argument') return derivesFrom(node.childForFieldName('value') ?? node, name);
  const object = node.type === 'attribute' || node.type === 'member_expression' ? node.childForFieldName('object') : null;
  if (object) return derivesFrom(object, name);
  return node.namedChildren.some((child) => child !== null && derivesFrom(child, name));
}

/** Whether a return statement of the function itself (not of one nested in it) returns a value built from the variable. */
function returnsVariable(fn: Node, name: string, functionTypes: readonly string[]): boolean {
  return fn.descendantsOfType('return_statement').some((statement) => statement !== null
    && enclosing(statement, functionTypes)?.equals(fn) === true
    && statement.namedChildren.some((value) => value !== null && derivesFrom(value, name)));
}

/** The variable a value is gathered into by a method call in its statement: `out` in `out.push(…)` or `chars.append(…)`. */
function collectorName(node: Node, callTypes: readonly string[]): string | null {
  for (let current = node.parent; current && !STATEMENT.test(current.type); current = current.parent) {
    if (!callTypes.includes(current.type)) continue;
    const callee = current.childForFieldName('function');
    const receiver = callee?.childForFieldName('object');
    const method = callee?.childForFieldName('attribute') ?? callee?.childForFieldName('property');
    if (receiver?.type === 'identifier' && method && COLLECTING_METHODS.has(method.text)) return receiver.text;
  }
  return null;
}

/** The calls of a function of the file by its name (`make_code()`, `self.make_code()`), outside the function itself. */
function callsOf(fn: Node, name: string, callTypes: readonly string[]): Node[] {
  return fn.tree.rootNode.descendantsOfType(callTypes as string[]).filter((call): call is Node => {
    const callee = call?.childForFieldName('function')?.text ?? '';
    return call !== null && (callee === name || callee.endsWith(`.${name}`)) && !(call.startIndex >= fn.startIndex && call.endIndex <= fn.endIndex);
  });
}

/**
 * Names that say what the random value is for: the functions it is passed to in its statement
 * (`set_password(user, random.choice(…))`), the variable, key or argument it is bound to (a bare `code` or `key` with
 * the function around it), and the function it is made in when that function returns it (directly or through the
 * variable), with the names its callers give the result; a value only consumed (`sleep(random.uniform(…))`) is named by the consumer.
 */
function contextNames(node: Node, callTypes: readonly string[], functionTypes: readonly string[], followCallers = true): string[] {
  const names: string[] = [];
  for (let current = node.parent; current && !functionTypes.includes(current.type) && !STATEMENT.test(current.type); current = current.parent) {
    if (!callTypes.includes(current.type)) continue;
    const callee = current.childForFieldName('function') ?? current.childForFieldName('name');
    const name = CALL_NAME.exec(`${callee?.text ?? ''}(`)?.[1];
    if (name) names.push(name);
  }
  const fn = enclosing(node, functionTypes);
  const fnName = fn ? functionName(fn) : null;
  const holder = bindingName(node, 8) ?? collectorName(node, callTypes);
  if (holder) names.push(holder);
  if (holder && fnName && BARE_NOUNS.has(holder.toLowerCase())) names.push(`${fnName}.${holder}`);
  // A value bound through `return` is held by the function's own name.
  const returned = holder === null
    ? enclosing(node, ['return_statement', ...functionTypes])?.type === 'return_statement'
    : fn !== null && (holder === fnName || returnsVariable(fn, holder, functionTypes));
  if (!fn || !fnName || !returned) return names;
  names.push(fnName);
  if (followCallers) {
    for (const call of callsOf(fn, fnName, callTypes)) names.push(...contextNames(call, callTypes, functionTypes, false));
  }
  return names;
}

export default defineRule({
  meta: {
    id: 'S008',
    name: 'insecure-randomness',
    title: 'Insecure randomness for a secret value',
    category: 'security',
    severity: 'high',
    confidence: 'medium',
    cwe: 'CWE-330',
    languages: tableLanguages(WEAK_RANDOM),
    messages: { en: '{callee}() is predictable and is used to make "{name}"', zh: '{callee}() 可被预测，却被用于生成“{name}”' },
    suggestion: {
      en: 'Use a cryptographically secure generator: secrets (Python), crypto.randomBytes/randomUUID (Node), SecureRandom (Java), crypto/rand (Go)',
      zh: '使用密码学安全的随机数生成器：secrets（Python）、crypto.randomBytes/randomUUID（Node）、SecureRandom（Java）、crypto/rand（Go）',
    },
    suggestionByLanguage: {
      python: { en: 'Use the secrets module: secrets.token_urlsafe(), secrets.token_hex(), secrets.choice()', zh: '使用 secrets 模块：secrets.token_urlsafe()、secrets.token_hex()、secrets.choice()' },
      js: { en: 'Use crypto.randomBytes(), crypto.randomUUID() or crypto.randomInt() (crypto.getRandomValues() in browsers)', zh: '使用 crypto.randomBytes()、crypto.randomUUID() 或 crypto.randomInt()（浏览器中用 crypto.getRandomValues()）' },
      java: { en: 'Use java.security.SecureRandom', zh: '使用 java.security.SecureRandom' },
      go: { en: 'Use crypto/rand (rand.Read, rand.Int) instead of math/rand', zh: '使用 crypto/rand（rand.Read、rand.Int）代替 math/rand' },
      php: { en: 'Use random_bytes() or random_int()', zh: '使用 random_bytes() 或 random_int()' },
      csharp: { en: 'Use System.Security.Cryptography.RandomNumberGenerator', zh: '使用 System.Security.Cryptography.RandomNumberGenerator' },
      c: { en: 'Use getrandom(2) or the platform CSPRNG (arc4random_buf, BCryptGenRandom)', zh: '使用 getrandom(2) 或平台的安全随机源（arc4random_buf、BCryptGenRandom）' },
      cpp: { en: 'Use getrandom(2) or the platform CSPRNG (arc4random_buf, BCryptGenRandom); std::random_device only where it is backed by one', zh: '使用 getrandom(2) 或平台的安全随机源（arc4random_buf、BCryptGenRandom）；std::random_device 仅在其基于安全随机源时使用' },
    },
  },
  create(context) {
    const weak = patternFor(WEAK_RANDOM, context.spec.id);
    return {
      call(node) {
        const call = context.call(node);
        if (!weak?.test(call.name)) return;
        if (context.spec.id === 'go' && !MATH_RAND_IMPORT.test(context.code)) return;
        const { kinds } = context.spec;
        const name = contextNames(node, kinds.call, kinds.function).find(isSecurityName);
        if (name) context.report({ node, data: { callee: call.name.replace(/^new /, ''), name } });
      },
    };
  },
});
