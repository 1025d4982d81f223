// expect: safe
#include <stdlib.h>
#include <unistd.h>

int main(void) {
    char tmpl[] = "/tmp/backupXXXXXX";
    int fd = mkstemp(tmpl);
    close(fd);
    return system("sync");
}
