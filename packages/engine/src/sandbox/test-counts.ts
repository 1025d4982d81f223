/** Passed and failed test counts from the summary line of pytest, unittest or node --test. */
export function countTests(output: string): { passed: number; failed: number } {
  const nodePass = /^(?:ℹ|#) pass (\d+)$/m.exec(output);
  const nodeFail = /^(?:ℹ|#) fail (\d+)$/m.exec(output);
  if (nodePass || nodeFail) return { passed: Number(nodePass?.[1] ?? 0), failed: Number(nodeFail?.[1] ?? 0) };
  const pytest = /^(?:=+ )?((?:\d+ \w+(?:, )?)+) in [\d.]+s/m.exec(output);
  if (pytest) {
    const count = (word: string) => Number(new RegExp(`(\\d+) ${word}`).exec(pytest[1] ?? '')?.[1] ?? 0);
    return { passed: count('passed'), failed: count('failed') + count('errors?') };
  }
  const ran = /^Ran (\d+) tests? in/m.exec(output);
  if (ran) {
    const total = Number(ran[1]);
    const failures = /^FAILED \((.*)\)$/m.exec(output)?.[1] ?? '';
    const failed = [...failures.matchAll(/(?:failures|errors)=(\d+)/g)].reduce((sum, match) => sum + Number(match[1]), 0);
    return { passed: total - failed, failed };
  }
  return { passed: 0, failed: 0 };
}

// A summary names at most this many failing tests; the test report has the whole output.
const FAILING_NAMES_SHOWN = 20;

/** The names of the failing tests, as pytest, unittest or node's test runner print them. */
export function failingTests(output: string): string[] {
  const names = [
    ...[...output.matchAll(/^(?:FAILED|ERROR) (\S+::\S+|\S+\.py)/gm)].map((match) => match[1]!),
    ...[...output.matchAll(/^(?:FAIL|ERROR): (\S+) \(([^)]+)\)/gm)].map((match) => `${match[2]}.${match[1]}`),
    ...[...output.matchAll(/^\s*not ok \d+ - (.+)$/gm)].map((match) => match[1]!.trim()),
    ...[...output.matchAll(/^\s*✖ (.+?) \([\d.]+m?s\)$/gm)].map((match) => match[1]!.trim()),
  ];
  return [...new Set(names)].slice(0, FAILING_NAMES_SHOWN);
}
