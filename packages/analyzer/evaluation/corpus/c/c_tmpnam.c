// expect: S016
#include <stdio.h>

FILE *scratch(void) {
    char name[L_tmpnam];
    tmpnam(name);
    return fopen(name, "w");
}
