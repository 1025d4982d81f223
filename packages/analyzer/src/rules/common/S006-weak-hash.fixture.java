import java.security.MessageDigest;

class Hasher {
    byte[] hash(byte[] data) throws Exception {
        // ruleid: S006
        MessageDigest md = MessageDigest.getInstance("MD5");
        // ok: S006
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        return md.digest(data);
    }
}
