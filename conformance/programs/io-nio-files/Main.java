import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/** java.nio.file.Files on a scratch folder of the current directory. */
public class Main {
    public static void main(String[] args) throws IOException {
        Path dir = Paths.get("io-nio-files.scratch");
        clean(dir);
        System.out.println("exists: " + Files.exists(dir) + " notExists: " + Files.notExists(dir));
        Files.createDirectory(dir);
        System.out.println("isDirectory: " + Files.isDirectory(dir) + " isRegularFile: " + Files.isRegularFile(dir));

        Path a = dir.resolve("a.txt");
        Files.write(a, Arrays.asList("alpha", "beta", "gamma \u00e9\u4e2d"), StandardCharsets.UTF_8);
        System.out.println("size: " + Files.size(a));
        System.out.println("lines: " + Files.readAllLines(a, StandardCharsets.UTF_8));
        Files.write(a, "delta\n".getBytes(StandardCharsets.UTF_8), StandardOpenOption.APPEND);
        byte[] all = Files.readAllBytes(a);
        System.out.println("bytes: " + all.length + " last line: " + Files.readAllLines(a).get(3));

        try (BufferedWriter w = Files.newBufferedWriter(dir.resolve("b.txt"))) {
            for (int i = 0; i < 300; i++) {
                w.write("row " + i);
                w.newLine();
            }
        }
        int count = 0;
        try (BufferedReader r = Files.newBufferedReader(dir.resolve("b.txt"))) {
            while (r.readLine() != null) {
                count++;
            }
        }
        System.out.println("b.txt rows: " + count + " size: " + Files.size(dir.resolve("b.txt")));

        Files.createDirectories(dir.resolve("sub/deeper"));
        Files.copy(a, dir.resolve("sub/copy.txt"));
        Files.move(dir.resolve("b.txt"), dir.resolve("sub/moved.txt"));
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir.resolve("sub"))) {
            for (Path p : stream) {
                names.add(p.getFileName().toString() + (Files.isDirectory(p) ? "/" : ""));
            }
        }
        Collections.sort(names);
        System.out.println("sub: " + names);

        try {
            Files.readAllBytes(dir.resolve("missing.txt"));
        } catch (NoSuchFileException e) {
            System.out.println("missing: " + e);
        }
        try {
            Files.delete(dir.resolve("sub"));
        } catch (DirectoryNotEmptyException e) {
            System.out.println("not empty: " + e);
        }
        System.out.println("deleteIfExists missing: " + Files.deleteIfExists(dir.resolve("nothing")));
        System.out.println("real path ends right: " + dir.toRealPath().toString().endsWith("/io-nio-files.scratch"));
        System.out.println("absolute: " + a.toAbsolutePath().isAbsolute());
        clean(dir);
        System.out.println("exists after: " + Files.exists(dir));
    }

    static void clean(Path p) throws IOException {
        if (Files.isDirectory(p)) {
            List<Path> children = new ArrayList<>();
            try (DirectoryStream<Path> stream = Files.newDirectoryStream(p)) {
                for (Path c : stream) {
                    children.add(c);
                }
            }
            for (Path c : children) {
                clean(c);
            }
        }
        Files.deleteIfExists(p);
    }
}
