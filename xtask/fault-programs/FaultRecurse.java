/** Recurses until StackOverflowError, catches it, then recurses again uncaught. */
public class FaultRecurse {
    static int depth;

    static void down() {
        depth++;
        down();
    }

    public static void main(String[] args) {
        try {
            down();
        } catch (StackOverflowError e) {
            System.out.println("caught StackOverflowError: " + (depth > 1000));
        }
        if (args.length > 0 && args[0].equals("uncaught")) {
            down();
        }
    }
}
