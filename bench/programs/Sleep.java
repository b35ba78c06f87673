/** Memory benchmark: says it is ready, then sleeps so the harness can read its memory. */
public class Sleep {
    public static void main(String[] args) throws InterruptedException {
        long millis = args.length > 0 ? Long.parseLong(args[0]) : 3000;
        System.out.println("ready");
        System.out.flush();
        Thread.sleep(millis);
    }
}
