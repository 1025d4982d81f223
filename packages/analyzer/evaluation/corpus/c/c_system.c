// expect: S002
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv) {
    char cmd[512];
    snprintf(cmd, sizeof cmd, "tar czf backup.tgz %s", argv[1]);
    return system(cmd);
}
