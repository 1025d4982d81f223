// expect: S008
export function createSessionToken(): string {
  return Math.random().toString(36).substring(2);
}
