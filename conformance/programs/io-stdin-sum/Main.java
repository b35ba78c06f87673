import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;

public class Main {
    public static void main(String[] args) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
        long sum = 0;
        int count = 0, bad = 0;
        long min = Long.MAX_VALUE, max = Long.MIN_VALUE;
        String line;
        while ((line = in.readLine()) != null) {
            for (String tok : line.trim().split("\\s+")) {
                if (tok.isEmpty()) continue;
                try {
                    long v = Long.parseLong(tok);
                    sum += v;
                    count++;
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                } catch (NumberFormatException e) {
                    bad++;
                    System.out.println("skipping " + e.getMessage());
                }
            }
        }
        System.out.println("count=" + count + " sum=" + sum + " min=" + min + " max=" + max + " bad=" + bad);
        if (count > 0) System.out.println("mean=" + ((double) sum / count));
    }
}
