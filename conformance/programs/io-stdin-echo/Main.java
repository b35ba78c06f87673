import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

public class Main {
    public static void main(String[] args) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        int n = 0;
        while ((line = in.readLine()) != null) {
            n++;
            StringBuilder rev = new StringBuilder(line).reverse();
            System.out.println(n + ": [" + line + "] len=" + line.length() + " rev=[" + rev + "] upper=[" + line.toUpperCase() + "]");
        }
        System.out.println("lines=" + n);
        System.err.println("done reading " + n + " lines");
    }
}
