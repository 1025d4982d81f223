import { defineRule } from '../rule.ts';

/** Permission predicates, and the grants of a user or token (`"refunds:approve" in user.scopes`, `user.role`). */
const ACCESS_CHECK = /\b(is_admin|is_superuser|is_staff|is_authenticated|is_owner|has_perm|has_perms|has_permission|has_role|can_\w+|authorized|permission|isAdmin|hasRole|hasPermission|isAuthenticated)\b|\.(role|roles|scope|scopes|groups|permissions|authorities)\b/;

export default defineRule({
  meta: {
    id: 'S018',
    name: 'assert-access-control',
    title: 'Assert used for access control',
    category: 'security',
    severity: 'high',
    confidence: 'medium',
    cwe: 'CWE-703',
    languages: ['python', 'java'],
    messages: { en: 'Access check in an assert statement is removed when assertions are disabled', zh: 'assert 中的权限检查在禁用断言（python -O / 未开启 -ea）时会被移除' },
    suggestion: {
      en: 'Check permissions with an if statement that raises or returns an authorization error',
      zh: '使用 if 判断并抛出或返回授权错误来检查权限',
    },
  },
  create(context) {
    return {
      assert_statement(node) {
        if (ACCESS_CHECK.test(node.text)) context.report({ node });
      },
    };
  },
});
