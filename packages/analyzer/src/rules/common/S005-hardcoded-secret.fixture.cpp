#include <string>
// ruleid: S005
std::string adminPwd = "hunter22";
// ok: S005
std::string prompt = "Password:";
