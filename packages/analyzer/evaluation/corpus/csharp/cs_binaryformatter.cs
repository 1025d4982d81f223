// expect: S004
class Loader {
    object Load(System.IO.Stream s) {
        return new BinaryFormatter().Deserialize(s);
    }
}
