// expect: S002
#include <cstdio>
#include <string>

std::string run(const std::string &user) {
    FILE *pipe = popen(("finger " + user).c_str(), "r");
    pclose(pipe);
    return user;
}
