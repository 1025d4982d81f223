// ruleid: Q003
int sum6(int a, int b, int c, int d, int e, int f) { return a + b + c + d + e + f; }
// ok: Q003
int sum2(int a, int b) { return a + b; }
