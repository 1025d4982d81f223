#include <stdio.h>
#include <stdlib.h>

void scratch(void) {
    char name[L_tmpnam];
    char tmpl[] = "/tmp/appXXXXXX";
    // ruleid: S016
    tmpnam(name);
    // ok: S016
    mkstemp(tmpl);
}
