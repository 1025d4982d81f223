import { referencedName } from '../../syntax/values.ts';
import { defineRule } from '../rule.ts';
import { replaceNode } from '../patterns.ts';

const ACCEPTING_POLICY = /^(AutoAddPolicy|WarningPolicy)$/;

export default defineRule({
  meta: {
    id: 'S025',
    name: 'unverified-ssh-host',
    title: 'SSH host key not verified',
    category: 'security',
    severity: 'high',
    confidence: 'high',
    cwe: 'CWE-295',
    languages: ['python'],
    messages: { en: '{policy} accepts any host key, so a man in the middle can pose as the server', zh: '{policy} 接受任意主机密钥，中间人可冒充服务器' },
    suggestion: {
      en: 'Load known hosts (client.load_system_host_keys() or load_host_keys(path)) and keep paramiko.RejectPolicy for unknown hosts',
      zh: '加载已知主机（client.load_system_host_keys() 或 load_host_keys(path)），并对未知主机使用 paramiko.RejectPolicy',
    },
    fix: { en: 'Use paramiko.RejectPolicy', zh: '改用 paramiko.RejectPolicy' },
  },
  create(context) {
    return {
      call(node) {
        const call = context.call(node);
        const policy = call.method === 'set_missing_host_key_policy' ? call.args[0] : undefined;
        const identifier = policy ? referencedName(policy) : null;
        if (!identifier || !ACCEPTING_POLICY.test(identifier.text)) return;
        // Only `paramiko.AutoAddPolicy` can be renamed in place; a bare imported name would need a new import.
        const fix = identifier.parent?.type === 'attribute' ? replaceNode(identifier, 'RejectPolicy') : undefined;
        context.report({ node, data: { policy: identifier.text }, fix });
      },
    };
  },
});
