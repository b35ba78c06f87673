public class Main {
    public static void main(String[] args) {
        System.out.println("abs: " + Math.abs(-5) + " " + Math.abs(Integer.MIN_VALUE) + " " + Math.abs(-5L) + " " + Math.abs(-2.5) + " " + Math.abs(-0.0) + " " + Math.abs(-3f));
        System.out.println("min/max: " + Math.min(3, -4) + " " + Math.max(3L, 9L) + " " + Math.min(Double.NaN, 1.0) + " " + Math.max(1f, 2f));
        System.out.println("pow: " + Math.pow(2, 10) + " " + Math.pow(2, 0.5) + " " + Math.pow(-8, 1.0 / 3) + " " + Math.pow(0, 0) + " " + Math.pow(10, -2) + " " + Math.pow(2, 64));
        System.out.println("sqrt: " + Math.sqrt(2) + " " + Math.sqrt(-1) + " " + Math.sqrt(144) + " cbrt: " + Math.cbrt(27) + " " + Math.cbrt(-8));
        System.out.println("floorDiv: " + Math.floorDiv(7, 2) + " " + Math.floorDiv(-7, 2) + " " + Math.floorDiv(7, -2) + " " + Math.floorDiv(-7L, 2L));
        System.out.println("floorMod: " + Math.floorMod(7, 3) + " " + Math.floorMod(-7, 3) + " " + Math.floorMod(7, -3) + " " + Math.floorMod(-7L, 3L));
        System.out.println("round: " + Math.round(2.5) + " " + Math.round(-2.5) + " " + Math.round(2.4f) + " " + Math.round(-0.5) + " " + Math.round(Double.NaN) + " " + Math.round(1e20) + " " + Math.round(0.49999999999999994));
        System.out.println("rint: " + Math.rint(2.5) + " " + Math.rint(3.5) + " floor: " + Math.floor(-1.1) + " ceil: " + Math.ceil(-1.1) + " " + Math.ceil(-0.5));
        try {
            Math.addExact(Integer.MAX_VALUE, 1);
        } catch (ArithmeticException e) {
            System.out.println("addExact: " + e.getMessage());
        }
        try {
            Math.multiplyExact(Long.MAX_VALUE, 2L);
        } catch (ArithmeticException e) {
            System.out.println("multiplyExact: " + e.getMessage());
        }
        try {
            Math.toIntExact(1L << 40);
        } catch (ArithmeticException e) {
            System.out.println("toIntExact: " + e.getMessage());
        }
        try {
            Math.negateExact(Integer.MIN_VALUE);
        } catch (ArithmeticException e) {
            System.out.println("negateExact: " + e.getMessage());
        }
        try {
            Math.floorMod(5, 0);
        } catch (ArithmeticException e) {
            System.out.println("floorMod zero: " + e.getMessage());
        }
        System.out.println("addExact ok: " + Math.addExact(40, 2) + " subtractExact: " + Math.subtractExact(10L, 3L) + " incrementExact: " + Math.incrementExact(9));
        System.out.println("signum: " + Math.signum(-3.2) + " " + Math.signum(0.0) + " hypot: " + Math.hypot(3, 4) + " copySign: " + Math.copySign(3.0, -0.0));
        System.out.println("trig: " + Math.sin(0) + " " + Math.cos(0) + " " + Math.atan2(1, 1) + " " + Math.toDegrees(Math.PI) + " " + Math.toRadians(180));
        System.out.println("exp/log: " + Math.exp(0) + " " + Math.log(Math.E) + " " + Math.log10(1000) + " " + Math.log(0) + " " + Math.log(-1));
        System.out.println("PI=" + Math.PI + " E=" + Math.E);
        System.out.println("ulp(1.0)=" + Math.ulp(1.0) + " nextUp(1.0)=" + Math.nextUp(1.0) + " getExponent(1024.0)=" + Math.getExponent(1024.0));
        System.out.println("fma=" + Math.fma(2.0, 3.0, 1.0) + " scalb=" + Math.scalb(1.5, 4) + " IEEEremainder=" + Math.IEEEremainder(10, 3));
        System.out.println("StrictMath.sqrt(3)=" + StrictMath.sqrt(3) + " StrictMath.sin(1)=" + StrictMath.sin(1));
        System.out.println("absExact/clamp-like: " + Math.max(0, Math.min(10, 15)) + " " + Math.max(0, Math.min(10, -5)));
    }
}
