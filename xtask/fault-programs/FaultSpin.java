/** Spins on the CPU forever (for the cpu limit), or sleeps forever with "sleep" (wall). */
public class FaultSpin {
    public static void main(String[] args) throws InterruptedException {
        System.out.println("spinning");
        if (args.length > 0 && args[0].equals("sleep")) {
            Thread.sleep(1_000_000L);
        }
        long x = 1;
        while (x != 0) {
            x = x * 6364136223846793005L + 1442695040888963407L;
            if (x == 42) {
                System.out.println(x);
            }
        }
    }
}
