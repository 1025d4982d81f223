import java.io.*;

class Loader {
    Object load(InputStream in) throws Exception {
        // ruleid: S004
        ObjectInputStream ois = new ObjectInputStream(in);
        // ok: S004
        DataInputStream dis = new DataInputStream(in);
        return ois.readObject();
    }
}
