// ruleid: Q012
export function undocumented(): number {
  return 1;
}

/** Returns two. */
// ok: Q012
export function documentedTwo(): number {
  return 2;
}
