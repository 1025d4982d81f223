// expect: safe
#include <string>

std::string greet(const std::string &user) {
    return "hello " + user;
}
