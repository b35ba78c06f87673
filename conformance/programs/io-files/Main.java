import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.File;
import java.io.FileInputStream;
import java.io.FileNotFoundException;
import java.io.FileOutputStream;
import java.io.FileReader;
import java.io.FileWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** java.io files in a scratch folder of the current directory: write, read back, append, list, rename, delete. */
public class Main {
    static final String DIR = "io-files.scratch";

    public static void main(String[] args) throws IOException {
        File dir = new File(DIR);
        removeTree(dir);
        System.out.println("exists before: " + dir.exists());
        System.out.println("mkdir: " + dir.mkdir() + " again: " + dir.mkdir());
        System.out.println("isDirectory: " + dir.isDirectory() + " isFile: " + dir.isFile());

        File a = new File(dir, "a.txt");
        try (OutputStream out = new FileOutputStream(a)) {
            out.write("first line\n".getBytes(StandardCharsets.UTF_8));
            out.write('x');
            out.write('\n');
            byte[] chunk = "0123456789".getBytes(StandardCharsets.UTF_8);
            out.write(chunk, 3, 4);
            out.write(new byte[0]);
        }
        System.out.println("a.txt length: " + a.length() + " isFile: " + a.isFile());

        try (OutputStream out = new FileOutputStream(a, true)) {
            out.write("\nappended \u00e9\u4e2d\n".getBytes(StandardCharsets.UTF_8));
        }
        System.out.println("after append: " + a.length());

        try (BufferedReader r = new BufferedReader(new FileReader(a, StandardCharsets.UTF_8))) {
            String line;
            int n = 0;
            while ((line = r.readLine()) != null) {
                System.out.println("  " + (++n) + ": [" + line + "]");
            }
        }

        try (InputStream in = new FileInputStream(a)) {
            System.out.println("available: " + in.available());
            System.out.println("read: " + (char) in.read());
            System.out.println("skip 5: " + in.skip(5));
            byte[] buf = new byte[8];
            int n = in.read(buf, 2, 6);
            System.out.println("read " + n + ": " + Arrays.toString(buf));
            System.out.println("available: " + in.available());
            byte[] rest = in.readAllBytes();
            System.out.println("rest: " + rest.length + " then " + in.read() + " " + in.read(buf));
        }

        FileInputStream closed = new FileInputStream(a);
        closed.close();
        closed.close();
        try {
            closed.read();
        } catch (IOException e) {
            System.out.println("read after close: " + e);
        }

        try (PrintWriter w = new PrintWriter(new BufferedWriter(new FileWriter(new File(dir, "b.txt"))))) {
            for (int i = 0; i < 500; i++) {
                w.println("line " + i + " " + (i * i));
            }
        }
        File b = new File(dir, "b.txt");
        System.out.println("b.txt length: " + b.length());
        int lines = 0;
        long sum = 0;
        try (BufferedReader r = new BufferedReader(new FileReader(b))) {
            String line;
            while ((line = r.readLine()) != null) {
                lines++;
                sum += Long.parseLong(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        System.out.println("b.txt lines: " + lines + " sum: " + sum);

        File sub = new File(dir, "sub");
        System.out.println("mkdirs: " + new File(sub, "deeper/deepest").mkdirs());
        File empty = new File(sub, "empty.dat");
        System.out.println("createNewFile: " + empty.createNewFile() + " again: " + empty.createNewFile());
        System.out.println("empty length: " + empty.length());

        String[] names = dir.list();
        Arrays.sort(names);
        System.out.println("list: " + Arrays.toString(names));
        File[] files = sub.listFiles();
        Arrays.sort(files);
        for (File f : files) {
            System.out.println("  " + f.getPath() + " dir=" + f.isDirectory() + " hidden=" + f.isHidden());
        }
        System.out.println("list of a file: " + a.list());

        File c = new File(dir, "c.txt");
        System.out.println("rename: " + b.renameTo(c) + " b exists: " + b.exists() + " c exists: " + c.exists());

        System.out.println("setLastModified: " + c.setLastModified(1600000000000L) + " -> " + c.lastModified());
        System.out.println("canRead: " + c.canRead() + " canWrite: " + c.canWrite() + " canExecute: " + c.canExecute());
        System.out.println("setExecutable: " + c.setExecutable(true) + " -> " + c.canExecute());
        System.out.println("setReadOnly: " + c.setReadOnly() + " -> canWrite " + c.canWrite());
        System.out.println("setWritable: " + c.setWritable(true) + " -> canWrite " + c.canWrite());

        File canon = new File(DIR + "/sub/../sub/./deeper/../empty.dat");
        String cp = canon.getCanonicalPath();
        String expected = new File(".").getCanonicalPath() + "/" + DIR + "/sub/empty.dat";
        System.out.println("canonical: " + cp.equals(expected) + " " + cp.endsWith("/sub/empty.dat"));
        System.out.println("absolute: " + new File("x/y").getAbsolutePath().endsWith("/x/y"));

        try {
            new FileInputStream(new File(dir, "missing.txt"));
        } catch (FileNotFoundException e) {
            System.out.println(e);
        }
        try {
            new FileInputStream(dir);
        } catch (FileNotFoundException e) {
            System.out.println(e);
        }
        try {
            new FileOutputStream(new File(dir, "no/such/dir.txt"));
        } catch (FileNotFoundException e) {
            System.out.println(e);
        }
        try {
            new File(dir, "no/such/dir.txt").createNewFile();
        } catch (IOException e) {
            System.out.println(e);
        }

        System.out.println("delete non-empty dir: " + dir.delete());
        System.out.println("delete missing: " + new File(dir, "nothing").delete());
        removeTree(dir);
        System.out.println("exists after: " + dir.exists());
    }

    static void removeTree(File f) {
        File[] children = f.listFiles();
        if (children != null) {
            for (File child : children) {
                removeTree(child);
            }
        }
        f.delete();
    }
}
