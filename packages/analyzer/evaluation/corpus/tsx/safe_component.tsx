// expect: safe
export function Comment({ body }: { body: string }) {
  return <p className="comment">{body}</p>;
}
