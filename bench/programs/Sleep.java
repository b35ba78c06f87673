/**
 * Memory benchmark: says it is ready, then waits so the harness can read its memory. With the
 * argument `stdin` (what the harness passes) it waits blocked reading stdin until it closes;
 * with a number it sleeps that many milliseconds.
 */
public class Sleep {
    public static void main(String[] args) throws Exception {
        String how = args.length > 0 ? args[0] : "3000";
        System.out.println("ready");
        System.out.flush();
        if (how.equals("stdin")) {
            while (System.in.read() >= 0) {
                // Whatever arrives is ignored; the wait ends at end of file.
            }
        } else {
            Thread.sleep(Long.parseLong(how));
        }
    }
}
