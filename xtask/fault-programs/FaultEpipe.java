/** Writes to a stdout whose reader is gone, then reports the error on stderr. */
public class FaultEpipe {
    public static void main(String[] args) {
        for (int i = 0; i < 20000; i++) {
            System.out.println("line " + i + " of output nobody reads");
        }
        boolean error = System.out.checkError();
        System.err.println("checkError " + error);
        System.exit(error ? 7 : 0);
    }
}
