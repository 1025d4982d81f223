import type { Node } from 'web-tree-sitter';
import { importBindings } from '../../syntax/imports.ts';
import { defineRule } from '../rule.ts';

/** Modules and the classes in them that speak a protocol without encryption. */
const CLEARTEXT_CLASSES: Record<string, string> = { telnetlib: 'Telnet', ftplib: 'FTP' };
const CLEARTEXT_CALL = /^(telnetlib\.Telnet|ftplib\.FTP)$/;

export default defineRule({
  meta: {
    id: 'S021',
    name: 'cleartext-protocol',
    title: 'Cleartext network protocol',
    category: 'security',
    severity: 'high',
    confidence: 'high',
    cwe: 'CWE-319',
    languages: ['python'],
    messages: { en: '{name} sends credentials and data unencrypted', zh: '{name} 以明文传输凭据和数据' },
    suggestion: {
      en: 'Use SSH (paramiko, asyncssh) instead of Telnet, and SFTP or ftplib.FTP_TLS with prot_p() instead of FTP',
      zh: '用 SSH（paramiko、asyncssh）替代 Telnet，用 SFTP 或 ftplib.FTP_TLS 并调用 prot_p() 替代 FTP',
    },
  },
  create(context) {
    const moduleImports: { node: Node; module: string }[] = [];
    const collect = (statement: Node) => {
      for (const { path } of importBindings(statement)) {
        const [module = '', name = ''] = path.split('.');
        const cleartext = CLEARTEXT_CLASSES[module];
        if (!cleartext) continue;
        if (name === '') moduleImports.push({ node: statement, module });
        // `from ftplib import FTP_TLS` binds only the encrypted class.
        else if (name === cleartext || name === '*') context.report({ node: statement, data: { name: `${module}.${cleartext}` } });
      }
    };
    return {
      import_statement: collect,
      import_from_statement: collect,
      call(node) {
        const call = context.call(node);
        if (CLEARTEXT_CALL.test(call.name)) context.report({ node, data: { name: call.name } });
      },
      'program:exit'() {
        for (const { node, module } of moduleImports) {
          const cleartext = CLEARTEXT_CLASSES[module] ?? '';
          // A module imported only for its TLS class (ftplib.FTP_TLS) is not a cleartext use.
          if (context.tokenCount(cleartext) > 0 || context.tokenCount(`${cleartext}_TLS`) === 0) context.report({ node, data: { name: module } });
        }
      },
    };
  },
});
