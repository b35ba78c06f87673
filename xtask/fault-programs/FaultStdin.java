import java.io.IOException;

/** Reads stdin to its end (the client gives a closed pipe or /dev/null) and counts bytes. */
public class FaultStdin {
    public static void main(String[] args) throws IOException {
        byte[] buf = new byte[4096];
        long total = 0;
        int n;
        while ((n = System.in.read(buf)) >= 0) {
            total += n;
        }
        System.out.println("stdin bytes " + total);
    }
}
