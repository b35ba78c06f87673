/** Exits normally after printing a line and a little arithmetic. */
public class FaultOk {
    public static void main(String[] args) {
        long sum = 0;
        for (int i = 0; i < 1000; i++) {
            sum += i * i;
        }
        System.out.println("ok " + sum);
    }
}
