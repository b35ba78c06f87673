import java.math.BigInteger;

public class Main {
    public static void main(String[] args) {
        BigInteger f = BigInteger.ONE;
        for (int i = 2; i <= 50; i++) f = f.multiply(BigInteger.valueOf(i));
        System.out.println("50! = " + f + " bits " + f.bitLength() + " digits " + f.toString().length());
        BigInteger two = BigInteger.TWO;
        BigInteger p = two.pow(127).subtract(BigInteger.ONE);
        System.out.println("2^127-1 = " + p + " probablePrime " + p.isProbablePrime(50));
        BigInteger a = new BigInteger("123456789012345678901234567890");
        BigInteger b = new BigInteger("-987654321098765432109876543210");
        System.out.println("a+b " + a.add(b) + " a*b " + a.multiply(b));
        System.out.println("b/a " + b.divide(a) + " b%a " + b.remainder(a) + " b mod a " + b.mod(a));
        BigInteger[] qr = b.divideAndRemainder(BigInteger.valueOf(97));
        System.out.println("divideAndRemainder " + qr[0] + " " + qr[1]);
        System.out.println("gcd " + a.gcd(b) + " abs " + b.abs() + " negate " + a.negate() + " signum " + b.signum());
        System.out.println("modPow " + BigInteger.valueOf(3).modPow(BigInteger.valueOf(200), BigInteger.valueOf(1000007)) + " modInverse " + BigInteger.valueOf(17).modInverse(BigInteger.valueOf(3120)));
        System.out.println("hex " + a.toString(16) + " radix36 " + b.toString(36) + " parse hex " + new BigInteger("ff", 16) + " bytes " + java.util.Arrays.toString(BigInteger.valueOf(-256).toByteArray()));
        System.out.println("shiftLeft " + BigInteger.ONE.shiftLeft(100) + " shiftRight " + b.shiftRight(64) + " and " + a.and(BigInteger.valueOf(0xffff)) + " or " + a.or(BigInteger.ONE) + " xor " + BigInteger.TEN.xor(BigInteger.valueOf(3)) + " not " + BigInteger.TEN.not());
        System.out.println("testBit " + a.testBit(0) + " bitCount " + a.bitCount() + " compareTo " + a.compareTo(b) + " equals " + a.equals(new BigInteger("123456789012345678901234567890")) + " hashCode " + a.hashCode());
        System.out.println("longValue wraps " + f.longValue() + " intValue " + f.intValue() + " doubleValue " + f.doubleValue());
        try {
            f.longValueExact();
        } catch (ArithmeticException e) {
            System.out.println("longValueExact: " + e.getMessage());
        }
        try {
            BigInteger.ONE.divide(BigInteger.ZERO);
        } catch (ArithmeticException e) {
            System.out.println("divide by zero: " + e.getMessage());
        }
        try {
            new BigInteger("12x");
        } catch (NumberFormatException e) {
            System.out.println("NFE: " + e.getMessage());
        }
        BigInteger fib1 = BigInteger.ZERO, fib2 = BigInteger.ONE;
        for (int i = 0; i < 300; i++) {
            BigInteger t = fib1.add(fib2);
            fib1 = fib2;
            fib2 = t;
        }
        System.out.println("fib(300) = " + fib1);
        System.out.println("sqrt " + BigInteger.TEN.pow(40).add(BigInteger.valueOf(12345)).sqrt() + " nextProbablePrime " + BigInteger.valueOf(1000000).nextProbablePrime());
        System.out.println("min/max " + a.min(b) + " " + a.max(b) + " valueOf(Long.MIN) " + BigInteger.valueOf(Long.MIN_VALUE).subtract(BigInteger.ONE));
    }
}
