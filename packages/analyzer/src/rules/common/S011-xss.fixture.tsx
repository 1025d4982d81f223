export function Bio({ html }: { html: string }) {
  // ruleid: S011
  const a = <div dangerouslySetInnerHTML={{ __html: html }} />;
  // ok: S011
  const b = <div dangerouslySetInnerHTML={{ __html: '<br/>' }} />;
  return [a, b];
}
