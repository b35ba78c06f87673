import java.util.ArrayList;
import java.util.List;

// Fills the heap until OutOfMemoryError, drops everything, and carries on.
public class Main {
    public static void main(String[] args) {
        for (int attempt = 1; attempt <= 3; attempt++) {
            List<long[]> hog = new ArrayList<>();
            try {
                while (true) {
                    hog.add(new long[128 * 1024]);
                }
            } catch (OutOfMemoryError e) {
                int held = hog.size();
                hog = null;
                System.out.println("attempt " + attempt + ": " + e.getMessage()
                        + ", held more than 16 MiB: " + (held > 16));
            }
        }
        try {
            long[] huge = new long[Integer.MAX_VALUE];
            System.out.println(huge.length);
        } catch (OutOfMemoryError e) {
            System.out.println(e.getMessage());
        }
        try {
            long[] big = new long[100 << 20];
            System.out.println(big.length);
        } catch (OutOfMemoryError e) {
            System.out.println(e.getMessage());
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 1000; i++) {
            sb.append(i % 10);
        }
        System.out.println("recovered: " + sb.length());
    }
}
