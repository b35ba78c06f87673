/** Calls System.exit with the code given as the first argument. */
public class FaultExit {
    public static void main(String[] args) {
        int code = Integer.parseInt(args[0]);
        System.out.println("exit " + code);
        System.exit(code);
    }
}
