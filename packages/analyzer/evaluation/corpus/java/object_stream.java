// expect: S004
class Receiver {
    Object read(java.net.Socket socket) throws Exception {
        return new java.io.ObjectInputStream(socket.getInputStream()).readObject();
    }
}
