#include <cstdlib>
#include <string>

int run(const std::string &name) {
    // ruleid: S002
    std::system(("ls " + name).c_str());
    // ok: S002
    return std::system("uptime");
}
