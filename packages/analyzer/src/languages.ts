import { createRequire } from 'node:module';
import { extname } from 'node:path';
import { Language, Parser } from 'web-tree-sitter';
import { UnsupportedLanguageError } from './errors.ts';

const require = createRequire(import.meta.url);

export type LanguageId =
  | 'python' | 'javascript' | 'typescript' | 'tsx' | 'java' | 'go' | 'rust' | 'c' | 'cpp' | 'csharp' | 'php';

/** Grammar node types that the engine and rules treat alike across languages. */
export interface NodeKinds {
  call: readonly string[];
  function: readonly string[];
  loop: readonly string[];
  comment: readonly string[];
  string: readonly string[];
  /** Nodes that add one path to McCabe's count; `&&`/`||`/`and`/`or` tokens are counted separately. */
  decision: readonly string[];
  assignment: readonly string[];
  /** Named children of a string node that are plain text, not interpolation. */
  stringPart: readonly string[];
  literal: readonly string[];
  container: readonly string[];
}

export interface LanguageSpec {
  id: LanguageId;
  aliases: readonly string[];
  extensions: readonly string[];
  wasm: string;
  kinds: NodeKinds;
}

const vscodeWasm = (name: string) => require.resolve(`@vscode/tree-sitter-wasm/wasm/tree-sitter-${name}.wasm`);

const cLike: Omit<NodeKinds, 'call' | 'function' | 'loop' | 'string' | 'stringPart' | 'literal' | 'container'> = {
  comment: ['comment'],
  decision: ['if_statement', 'for_statement', 'while_statement', 'do_statement', 'for_range_loop', 'case_statement', 'conditional_expression', 'catch_clause'],
  assignment: ['assignment_expression', 'init_declarator'],
};

const jsKinds: NodeKinds = {
  call: ['call_expression', 'new_expression'],
  function: ['function_declaration', 'function_expression', 'arrow_function', 'method_definition', 'generator_function_declaration', 'generator_function'],
  loop: ['for_statement', 'for_in_statement', 'while_statement', 'do_statement'],
  comment: ['comment'],
  string: ['string', 'template_string'],
  decision: ['if_statement', 'for_statement', 'for_in_statement', 'while_statement', 'do_statement', 'switch_case', 'catch_clause', 'ternary_expression'],
  assignment: ['assignment_expression', 'variable_declarator', 'augmented_assignment_expression'],
  stringPart: ['string_fragment', 'escape_sequence'],
  literal: ['number', 'true', 'false', 'null', 'undefined', 'regex'],
  container: ['array', 'parenthesized_expression', 'binary_expression'],
};

export const LANGUAGES: readonly LanguageSpec[] = [
  {
    id: 'python', aliases: ['py', 'python3'], extensions: ['.py', '.pyw', '.pyi'], wasm: vscodeWasm('python'),
    kinds: {
      call: ['call'],
      function: ['function_definition'],
      loop: ['for_statement', 'while_statement'],
      comment: ['comment'],
      string: ['string', 'concatenated_string'],
      decision: ['if_statement', 'elif_clause', 'for_statement', 'while_statement', 'except_clause', 'conditional_expression', 'for_in_clause', 'if_clause', 'case_clause'],
      assignment: ['assignment', 'augmented_assignment'],
      stringPart: ['string_start', 'string_content', 'string_end', 'escape_sequence', 'string'],
      literal: ['integer', 'float', 'true', 'false', 'none'],
      container: ['list', 'tuple', 'set', 'parenthesized_expression', 'binary_operator', 'expression_list'],
    },
  },
  { id: 'javascript', aliases: ['js', 'node', 'jsx'], extensions: ['.js', '.mjs', '.cjs', '.jsx'], wasm: vscodeWasm('javascript'), kinds: jsKinds },
  { id: 'typescript', aliases: ['ts'], extensions: ['.ts', '.mts', '.cts'], wasm: vscodeWasm('typescript'), kinds: jsKinds },
  { id: 'tsx', aliases: [], extensions: ['.tsx'], wasm: vscodeWasm('tsx'), kinds: jsKinds },
  {
    id: 'java', aliases: [], extensions: ['.java'], wasm: vscodeWasm('java'),
    kinds: {
      call: ['method_invocation', 'object_creation_expression'],
      function: ['method_declaration', 'constructor_declaration'],
      loop: ['for_statement', 'enhanced_for_statement', 'while_statement', 'do_statement'],
      comment: ['line_comment', 'block_comment'],
      string: ['string_literal'],
      decision: ['if_statement', 'for_statement', 'enhanced_for_statement', 'while_statement', 'do_statement', 'switch_label', 'catch_clause', 'ternary_expression'],
      assignment: ['assignment_expression', 'variable_declarator'],
      stringPart: ['string_fragment', 'escape_sequence', 'multiline_string_fragment'],
      literal: ['decimal_integer_literal', 'hex_integer_literal', 'decimal_floating_point_literal', 'true', 'false', 'null_literal', 'character_literal'],
      container: ['parenthesized_expression', 'binary_expression', 'array_initializer'],
    },
  },
  {
    id: 'go', aliases: ['golang'], extensions: ['.go'], wasm: vscodeWasm('go'),
    kinds: {
      call: ['call_expression'],
      function: ['function_declaration', 'method_declaration', 'func_literal'],
      loop: ['for_statement'],
      comment: ['comment'],
      string: ['interpreted_string_literal', 'raw_string_literal'],
      decision: ['if_statement', 'for_statement', 'expression_case', 'type_case', 'communication_case'],
      assignment: ['assignment_statement', 'short_var_declaration', 'var_spec', 'const_spec'],
      stringPart: ['interpreted_string_literal_content', 'raw_string_literal_content', 'escape_sequence'],
      literal: ['int_literal', 'float_literal', 'true', 'false', 'nil', 'rune_literal'],
      container: ['parenthesized_expression', 'binary_expression', 'composite_literal', 'literal_value', 'literal_element'],
    },
  },
  {
    id: 'rust', aliases: ['rs'], extensions: ['.rs'], wasm: vscodeWasm('rust'),
    kinds: {
      call: ['call_expression', 'macro_invocation'],
      function: ['function_item'],
      loop: ['for_expression', 'while_expression', 'loop_expression'],
      comment: ['line_comment', 'block_comment'],
      string: ['string_literal', 'raw_string_literal'],
      decision: ['if_expression', 'while_expression', 'for_expression', 'match_arm'],
      assignment: ['let_declaration', 'assignment_expression'],
      stringPart: ['string_content', 'escape_sequence'],
      literal: ['integer_literal', 'float_literal', 'boolean_literal', 'char_literal'],
      container: ['parenthesized_expression', 'binary_expression', 'array_expression', 'tuple_expression'],
    },
  },
  {
    id: 'c', aliases: ['h'], extensions: ['.c', '.h'], wasm: require.resolve('tree-sitter-c/tree-sitter-c.wasm'),
    kinds: {
      ...cLike,
      call: ['call_expression'],
      function: ['function_definition'],
      loop: ['for_statement', 'while_statement', 'do_statement'],
      string: ['string_literal', 'concatenated_string'],
      stringPart: ['string_content', 'escape_sequence', 'string_literal'],
      literal: ['number_literal', 'char_literal', 'true', 'false', 'null'],
      container: ['parenthesized_expression', 'binary_expression', 'initializer_list'],
    },
  },
  {
    id: 'cpp', aliases: ['c++', 'cxx'], extensions: ['.cpp', '.cc', '.cxx', '.hpp', '.hh', '.hxx'], wasm: vscodeWasm('cpp'),
    kinds: {
      ...cLike,
      call: ['call_expression'],
      function: ['function_definition'],
      loop: ['for_statement', 'while_statement', 'do_statement', 'for_range_loop'],
      string: ['string_literal', 'raw_string_literal', 'concatenated_string'],
      stringPart: ['string_content', 'escape_sequence', 'string_literal', 'raw_string_content', 'raw_string_delimiter'],
      literal: ['number_literal', 'char_literal', 'true', 'false', 'null', 'nullptr'],
      container: ['parenthesized_expression', 'binary_expression', 'initializer_list'],
    },
  },
  {
    id: 'csharp', aliases: ['c#', 'cs', 'c-sharp'], extensions: ['.cs'], wasm: vscodeWasm('c-sharp'),
    kinds: {
      call: ['invocation_expression', 'object_creation_expression'],
      function: ['method_declaration', 'constructor_declaration', 'local_function_statement'],
      loop: ['for_statement', 'foreach_statement', 'while_statement', 'do_statement'],
      comment: ['comment'],
      string: ['string_literal', 'verbatim_string_literal', 'interpolated_string_expression', 'raw_string_literal'],
      decision: ['if_statement', 'for_statement', 'foreach_statement', 'while_statement', 'do_statement', 'switch_section', 'catch_clause', 'conditional_expression'],
      assignment: ['assignment_expression', 'variable_declarator'],
      stringPart: ['string_literal_content', 'escape_sequence', 'string_content', 'raw_string_content', 'raw_string_start', 'raw_string_end'],
      literal: ['integer_literal', 'real_literal', 'boolean_literal', 'null_literal', 'character_literal'],
      container: ['parenthesized_expression', 'binary_expression', 'initializer_expression'],
    },
  },
  {
    id: 'php', aliases: [], extensions: ['.php', '.phtml'], wasm: vscodeWasm('php'),
    kinds: {
      call: ['function_call_expression', 'member_call_expression', 'scoped_call_expression', 'object_creation_expression'],
      function: ['function_definition', 'method_declaration', 'anonymous_function', 'arrow_function'],
      loop: ['for_statement', 'foreach_statement', 'while_statement', 'do_statement'],
      comment: ['comment'],
      string: ['string', 'encapsed_string', 'heredoc', 'nowdoc'],
      decision: ['if_statement', 'else_if_clause', 'for_statement', 'foreach_statement', 'while_statement', 'do_statement', 'case_statement', 'catch_clause', 'conditional_expression'],
      assignment: ['assignment_expression', 'augmented_assignment_expression'],
      stringPart: ['string_content', 'string_value', 'escape_sequence', 'heredoc_start', 'heredoc_end', 'heredoc_body', 'nowdoc_body', 'nowdoc_string'],
      literal: ['integer', 'float', 'boolean', 'null'],
      container: ['parenthesized_expression', 'binary_expression', 'array_creation_expression', 'array_element_initializer'],
    },
  },
];

const byName = new Map<string, LanguageSpec>();
const byExtension = new Map<string, LanguageSpec>();
for (const spec of LANGUAGES) {
  byName.set(spec.id, spec);
  for (const alias of spec.aliases) byName.set(alias, spec);
  for (const ext of spec.extensions) byExtension.set(ext, spec);
}

export const SUPPORTED_LANGUAGES: readonly LanguageId[] = LANGUAGES.map((spec) => spec.id);

/** The language of a file from its extension (case-insensitive), or null when none matches. */
export function detectLanguage(filePath: string): LanguageId | null {
  return byExtension.get(extname(filePath).toLowerCase())?.id ?? null;
}

/** Resolves an explicit language name first, else the file extension; throws when neither is supported. */
export function resolveLanguage(language: string | undefined, filePath: string | undefined): LanguageSpec {
  if (language) {
    const spec = byName.get(language.trim().toLowerCase());
    if (!spec) throw new UnsupportedLanguageError(language, SUPPORTED_LANGUAGES);
    return spec;
  }
  const spec = filePath ? byExtension.get(extname(filePath).toLowerCase()) : undefined;
  if (!spec) throw new UnsupportedLanguageError(filePath ? extname(filePath) || filePath : '(none given)', SUPPORTED_LANGUAGES);
  return spec;
}

let runtimeReady: Promise<void> | undefined;
const parsers = new Map<LanguageId, Promise<Parser>>();

/** One parser per language, created on first use and kept for the life of the process. */
export function parserFor(spec: LanguageSpec): Promise<Parser> {
  let parser = parsers.get(spec.id);
  if (!parser) {
    runtimeReady ??= Parser.init();
    parser = runtimeReady.then(async () => new Parser().setLanguage(await Language.load(spec.wasm)));
    parsers.set(spec.id, parser);
  }
  return parser;
}
