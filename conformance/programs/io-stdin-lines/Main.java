import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/** Lines of standard input through a BufferedReader: numbering, words, code points. */
public class Main {
    public static void main(String[] args) throws IOException {
        System.out.println("available at start: " + System.in.available());
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8), 16);
        String line;
        int lines = 0;
        int words = 0;
        int chars = 0;
        String longest = "";
        while ((line = in.readLine()) != null) {
            lines++;
            String trimmed = line.trim();
            int w = trimmed.isEmpty() ? 0 : trimmed.split("\\s+").length;
            words += w;
            chars += line.length();
            if (line.length() > longest.length()) {
                longest = line;
            }
            System.out.println(lines + " (" + w + " words, " + line.length() + " chars, "
                    + line.codePointCount(0, line.length()) + " code points): " + line);
        }
        System.out.println("lines=" + lines + " words=" + words + " chars=" + chars);
        System.out.println("longest: " + longest);
        System.out.println("read at end: " + System.in.read() + ", available: " + System.in.available());
        in.close();
        try {
            System.in.read();
        } catch (IOException e) {
            System.out.println("after close: " + e);
        }
    }
}
