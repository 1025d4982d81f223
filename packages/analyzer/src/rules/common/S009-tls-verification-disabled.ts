import type { Node } from 'web-tree-sitter';
import { literalTruth } from '../../syntax/values.ts';
import { defineRule, type Fix } from '../rule.ts';

const PY_TLS_HINT = /verify|unverified|cert_reqs|disable_warnings/;
const PY_UNVERIFIED = /^ssl\._create_unverified_context$|^urllib3\.disable_warnings$/;
const CALL_DISABLES: Record<string, RegExp> = {
  php: /^curl_setopt$/,
  c: /^curl_easy_setopt$/,
  cpp: /^curl_easy_setopt$/,
};
const CURL_VERIFY_OFF = /CURLOPT_SSL_VERIFY(PEER|HOST)\s*,\s*(false|0L?|FALSE)\s*\)?$/;
const RUST_DANGER = /^danger_accept_invalid_(certs|hostnames)$/;
const JAVA_TRUST_ALL = /^new (NoopHostnameVerifier|TrustAllStrategy|AllowAllHostnameVerifier)$/;
const CSHARP_CALLBACK = /(ServerCertificateCustomValidationCallback|ServerCertificateValidationCallback|RemoteCertificateValidationCallback)$/;

/** Removes `, verify=False` (or `verify=False, `) from a Python argument list. */
function removeKeyword(keyword: Node): Fix {
  const previous = keyword.previousSibling;
  if (previous?.type === ',') return { edits: [{ start: previous.startIndex, end: keyword.endIndex, text: '' }] };
  const next = keyword.nextSibling;
  const end = next?.type === ',' ? (next.nextSibling?.startIndex ?? next.endIndex) : keyword.endIndex;
  return { edits: [{ start: keyword.startIndex, end, text: '' }] };
}

export default defineRule({
  meta: {
    id: 'S009',
    name: 'tls-verification-disabled',
    title: 'TLS certificate verification disabled',
    category: 'security',
    severity: 'high',
    confidence: 'high',
    cwe: 'CWE-295',
    languages: ['python', 'javascript', 'typescript', 'tsx', 'go', 'java', 'csharp', 'php', 'rust', 'c', 'cpp'],
    messages: { en: 'TLS certificate verification is disabled ({detail})', zh: '已禁用 TLS 证书校验（{detail}），易受中间人攻击' },
    suggestion: {
      en: 'Keep verification on; trust a private CA by configuring its certificate bundle instead',
      zh: '保持证书校验开启；如需信任私有 CA，请配置其证书链',
    },
    fix: { en: 'Remove verify=False', zh: '删除 verify=False' },
  },
  create(context) {
    const language = context.spec.id;
    const report = (node: Node, detail: string, fix?: Fix) => context.report({ node, data: { detail }, fix });
    return {
      call(node) {
        const call = context.call(node);
        if (language === 'python') {
          if (!PY_TLS_HINT.test(node.text)) return;
          const verify = call.kwargs.get('verify');
          // verify=None means the default, which verifies.
          const verifyOff = verify?.type !== 'none' && verify !== undefined && literalTruth(verify, context.spec.kinds) === false;
          if (verifyOff && verify.parent) report(node, `verify=${verify.text}`, removeKeyword(verify.parent));
          else if (PY_UNVERIFIED.test(call.name)) report(node, call.name);
          else if (call.kwargs.get('cert_reqs')?.text.endsWith('CERT_NONE')) report(node, 'cert_reqs=CERT_NONE');
          return;
        }
        if (CALL_DISABLES[language]?.test(call.name) && CURL_VERIFY_OFF.test(call.args.map((arg) => arg.text).join(', ') + ')')) {
          report(node, 'CURLOPT_SSL_VERIFYPEER off');
        } else if (language === 'rust' && RUST_DANGER.test(call.method) && call.args[0]?.text === 'true') report(node, call.method);
        else if (language === 'java' && JAVA_TRUST_ALL.test(call.name)) report(node, call.name.replace(/^new /, ''));
      },
      pair(node) {
        if (/^["']?rejectUnauthorized["']?$/.test(node.childForFieldName('key')?.text ?? '') && node.childForFieldName('value')?.type === 'false') {
          report(node, 'rejectUnauthorized: false');
        }
      },
      keyed_element(node) {
        if (/^InsecureSkipVerify\s*:\s*true$/.test(node.text)) report(node, 'InsecureSkipVerify: true');
      },
      assignment_expression(node) {
        const left = node.childForFieldName('left')?.text ?? '';
        const right = node.childForFieldName('right')?.text ?? '';
        if (/NODE_TLS_REJECT_UNAUTHORIZED$/.test(left) && /^["']0["']$/.test(right)) report(node, 'NODE_TLS_REJECT_UNAUTHORIZED=0');
        else if (CSHARP_CALLBACK.test(left) && /=>\s*true\s*;?$/.test(right)) report(node, 'certificate callback always true');
      },
      assignment(node) {
        const left = node.childForFieldName('left')?.text ?? '';
        const right = node.childForFieldName('right');
        if (/(^|\.)check_hostname$/.test(left) && right?.type === 'false') report(node, 'check_hostname = False');
        // A requests Session (or adapter) told not to verify: every later request on it skips the check.
        else if (/\.verify$/.test(left) && right && right.type !== 'none' && literalTruth(right, context.spec.kinds) === false) report(node, `${left} = ${right.text}`);
      },
    };
  },
});
