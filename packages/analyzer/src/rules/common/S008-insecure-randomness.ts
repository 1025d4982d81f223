import type { Node } from 'web-tree-sitter';
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
const SECURITY_NAME = /token|secret|passw|nonce|salt|otp|session|csrf|api_?key|reset|verif|auth|captcha|invite|key$|code$|pin$/i;
const MATH_RAND_IMPORT = /"math\/rand(\/v2)?"/;

/** Name of the variable, key or function that receives the random value. */
function receiverName(node: Node, functionTypes: readonly string[]): string {
  const bound = bindingName(node, 8);
  if (bound) return bound;
  return enclosing(node, functionTypes)?.childForFieldName('name')?.text ?? '';
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
  },
  create(context) {
    const weak = patternFor(WEAK_RANDOM, context.spec.id);
    return {
      call(node) {
        const call = context.call(node);
        if (!weak?.test(call.name)) return;
        if (context.spec.id === 'go' && !MATH_RAND_IMPORT.test(context.code)) return;
        const name = receiverName(node, context.spec.kinds.function);
        if (SECURITY_NAME.test(name)) context.report({ node, data: { callee: call.name.replace(/^new /, ''), name } });
      },
    };
  },
});
