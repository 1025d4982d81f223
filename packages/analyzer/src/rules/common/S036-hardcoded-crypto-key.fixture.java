import java.security.SecureRandom;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

class Encryptor {
    Object[] specs(byte[] keyFromVault) {
        // ruleid: S036
        SecretKeySpec fixed = new SecretKeySpec("0123456789abcdef".getBytes(), "AES");
        // ruleid: S036
        IvParameterSpec zero = new IvParameterSpec(new byte[16]);
        byte[] iv = new byte[16];
        new SecureRandom().nextBytes(iv);
        // ok: S036
        SecretKeySpec key = new SecretKeySpec(keyFromVault, "AES");
        // ok: S036
        IvParameterSpec random = new IvParameterSpec(iv);
        return new Object[] { fixed, zero, key, random };
    }
}
