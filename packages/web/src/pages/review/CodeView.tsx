import { useEffect, useRef } from 'react';
import { Code } from '../../components/Code.tsx';

/** The analysed code with line numbers; `markedLine` is highlighted and scrolled into view. */
export function CodeView({ filename, content, markedLine, label }: { filename: string; content: string; markedLine?: number; label: string }) {
  const mark = useRef<HTMLDivElement>(null);
  // A final newline ends the last line; it does not start another.
  const lineCount = content.replace(/\n$/, '').split('\n').length;
  useEffect(() => {
    mark.current?.scrollIntoView({ block: 'center', behavior: 'smooth' });
  }, [markedLine]);
  return (
    <div className="review-code" role="region" aria-label={label} tabIndex={0}>
      <div className="review-gutter" aria-hidden="true">
        {Array.from({ length: lineCount }, (_, index) => (
          <div key={index} className={index + 1 === markedLine ? 'review-gutter-marked' : undefined}>{index + 1}</div>
        ))}
      </div>
      <div className="review-code-body">
        {markedLine !== undefined && markedLine <= lineCount && (
          // Lines are one line-height apart, so the mark lies over line N without touching the highlighted HTML.
          <div ref={mark} className="review-line-mark" data-line={markedLine} style={{ top: `calc(var(--review-pad) + ${markedLine - 1} * var(--review-line))` }} />
        )}
        <Code filename={filename} content={content} />
      </div>
    </div>
  );
}
