import javax.crypto.Cipher;

class Crypto {
    void run() throws Exception {
        // ruleid: S007
        Cipher a = Cipher.getInstance("AES/ECB/PKCS5Padding");
        // ruleid: S007
        Cipher b = Cipher.getInstance("DES");
        // ok: S007
        Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
    }
}
