import { diffLines } from 'diff';
import { useMemo } from 'react';

interface DiffLine {
  kind: 'added' | 'removed' | 'same';
  text: string;
}

function linesOf(before: string, after: string): DiffLine[] {
  return diffLines(before, after).flatMap((change) => {
    const kind = change.added ? 'added' : change.removed ? 'removed' : 'same';
    return change.value.replace(/\n$/, '').split('\n').map((text) => ({ kind, text }));
  });
}

/** A line diff of two texts, removed lines marked −, added +. */
export function Diff({ before, after, label }: { before: string; after: string; label: string }) {
  const lines = useMemo(() => linesOf(before, after), [before, after]);
  return (
    <pre className="code diff" aria-label={label}>
      {lines.map((line, index) => (
        <div key={index} className={`diff-${line.kind}`}>
          <span className="diff-sign" aria-hidden="true">{line.kind === 'added' ? '+' : line.kind === 'removed' ? '−' : ' '}</span>
          {line.text}
        </div>
      ))}
    </pre>
  );
}
