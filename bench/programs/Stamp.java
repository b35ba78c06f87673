/**
 * Spawn latency: prints `System.nanoTime()` first thing in `main`. On Linux both HotSpot and
 * jfork read CLOCK_MONOTONIC there, so the harness subtracts the time it started the command.
 */
public class Stamp {
    public static void main(String[] args) {
        System.out.println(System.nanoTime());
    }
}
