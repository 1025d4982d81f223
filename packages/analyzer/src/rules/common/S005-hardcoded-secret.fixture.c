/* ruleid: S005 */
const char *password = "hunter22";
/* ok: S005 */
const char *compass = "northeast";
/* ruleid: S005 */
char db_pass[] = "letmein1";
