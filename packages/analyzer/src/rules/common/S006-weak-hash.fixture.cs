using System.Security.Cryptography;

class Hasher {
    byte[] Hash(byte[] data) {
        // ruleid: S006
        using var md5 = MD5.Create();
        // ok: S006
        using var sha = SHA256.Create();
        return md5.ComputeHash(data);
    }
}
