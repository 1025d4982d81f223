// ruleid: Q003
export function build(a: number, b: number, c: number, d: number, e: number, f: number): number {
  return a + b + c + d + e + f;
}
// ok: Q003
export function add(a: number, b: number): number {
  return a + b;
}
