// expect: S007
class Legacy {
    javax.crypto.Cipher cipher() throws Exception {
        return javax.crypto.Cipher.getInstance("DES/CBC/PKCS5Padding");
    }
}
