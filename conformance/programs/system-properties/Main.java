import java.io.File;

/** System properties that do not depend on the machine, as the boot computes them. */
public class Main {
    static String escape(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\n') {
                b.append("\\n");
            } else if (c == '\r') {
                b.append("\\r");
            } else if (c < 0x20 || c > 0x7e) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    static void show(String key) {
        System.out.println(key + "=" + escape(System.getProperty(key)));
    }

    public static void main(String[] args) throws Exception {
        String[] keys = {
            "java.version", "java.specification.version", "java.class.version",
            "java.vm.name", "java.vm.specification.name", "java.vm.specification.version",
            "os.name", "os.arch", "file.separator", "path.separator", "line.separator",
            "file.encoding", "sun.jnu.encoding", "native.encoding", "sun.io.unicode.encoding",
            "sun.cpu.endian", "sun.arch.data.model", "java.io.tmpdir", "java.class.path",
            "sun.java.launcher", "sun.stdout.encoding", "sun.stderr.encoding",
            "conformance.greeting", "conformance.empty", "conformance.twice",
            "jdk.boot.class.path.append", "sun.nio.MaxDirectMemorySize", "no.such.property",
        };
        for (String key : keys) {
            show(key);
        }
        String dir = System.getProperty("user.dir");
        System.out.println("user.dir is an absolute directory: "
                + (new File(dir).isAbsolute() && new File(dir).isDirectory()));
        System.out.println("user.dir is the working directory: "
                + dir.equals(new File(".").getCanonicalPath()));
        System.out.println("user.home set: " + (System.getProperty("user.home") != null));
        System.out.println("user.name set: " + (System.getProperty("user.name") != null));
        System.out.println("java.home has lib/modules: "
                + new File(System.getProperty("java.home"), "lib/modules").isFile());
        System.out.println("lineSeparator: " + escape(System.lineSeparator()));
    }
}
