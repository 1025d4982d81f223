#include <stdlib.h>

int main(int argc, char **argv) {
    char cmd[256];
    // ruleid: S002
    system(argv[1]);
    // ok: S002
    system("uptime");
    return 0;
}
