export const FILE_CATEGORIES = ['requirements', 'design', 'code', 'test', 'documentation'] as const;
export type FileCategory = (typeof FILE_CATEGORIES)[number];

const TEST_DIRS = new Set(['test', 'tests', '__tests__', 'spec', 'specs', 'e2e']);
const TEST_FILE = /(^test_.+\.py$)|(_test\.(py|go)$)|(\.(test|spec)\.[cm]?[jt]sx?$)/i;
const DOC_EXTENSIONS = /\.(md|markdown|rst|adoc)$/i;
const DOC_FILES = /^(license|licence|changelog|authors|contributing)(\.[a-z]+)?$/i;
const REQUIREMENTS_DOC = /^(requirements|prd|user[-_]stories)\.(md|markdown|rst|adoc)$/i;
const DESIGN_DOC = /^(architecture|design|adr-.+)\.(md|markdown|rst|adoc)$/i;
const DESIGN_FILE = /\.(drawio|puml|plantuml|mmd|fig)$/i;

/** Maps a generated path to the file category it is stored under (`requirements.txt` is code: it lists dependencies). */
export function categoryForPath(path: string): FileCategory {
  const segments = path.split('/').filter((s) => s !== '');
  const fileName = segments.at(-1) ?? '';
  const dirs = segments.slice(0, -1).map((s) => s.toLowerCase());
  if (dirs.some((d) => TEST_DIRS.has(d)) || TEST_FILE.test(fileName)) return 'test';
  if (dirs.includes('requirements') || REQUIREMENTS_DOC.test(fileName)) return 'requirements';
  if (dirs.includes('design') || DESIGN_DOC.test(fileName) || DESIGN_FILE.test(fileName)) return 'design';
  if (dirs.includes('docs') || dirs.includes('doc') || DOC_EXTENSIONS.test(fileName) || DOC_FILES.test(fileName)) {
    return 'documentation';
  }
  return 'code';
}
