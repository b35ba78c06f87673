import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

public class Main {
    public static void main(String[] args) {
        BigDecimal a = new BigDecimal("0.1");
        BigDecimal b = new BigDecimal("0.2");
        System.out.println("0.1+0.2 = " + a.add(b) + " vs double " + (0.1 + 0.2));
        System.out.println("new BigDecimal(0.1) = " + new BigDecimal(0.1));
        System.out.println("valueOf(0.1) = " + BigDecimal.valueOf(0.1) + " valueOf(100, 3) = " + BigDecimal.valueOf(100, 3));
        BigDecimal price = new BigDecimal("19.99");
        BigDecimal qty = new BigDecimal("3");
        BigDecimal total = price.multiply(qty);
        BigDecimal tax = total.multiply(new BigDecimal("0.0825")).setScale(2, RoundingMode.HALF_UP);
        System.out.println("total " + total + " tax " + tax + " grand " + total.add(tax) + " scale " + total.add(tax).scale());
        System.out.println("1/3 (10 digits) " + BigDecimal.ONE.divide(new BigDecimal(3), 10, RoundingMode.HALF_EVEN) + " MathContext.DECIMAL64 " + BigDecimal.ONE.divide(new BigDecimal(7), MathContext.DECIMAL64));
        try {
            BigDecimal.ONE.divide(new BigDecimal(3));
        } catch (ArithmeticException e) {
            System.out.println("non-terminating: " + e.getMessage());
        }
        String[] vals = {"2.5", "-2.5", "1.15", "1.25", "-0.5", "0.005"};
        for (String v : vals) {
            BigDecimal d = new BigDecimal(v);
            StringBuilder sb = new StringBuilder(v + ":");
            for (RoundingMode m : new RoundingMode[] {RoundingMode.UP, RoundingMode.DOWN, RoundingMode.CEILING, RoundingMode.FLOOR, RoundingMode.HALF_UP, RoundingMode.HALF_DOWN, RoundingMode.HALF_EVEN}) {
                sb.append(' ').append(m).append('=').append(d.setScale(d.scale() - 1, m));
            }
            System.out.println(sb);
        }
        BigDecimal x = new BigDecimal("2.50");
        BigDecimal y = new BigDecimal("2.5");
        System.out.println("equals " + x.equals(y) + " compareTo " + x.compareTo(y) + " stripTrailingZeros " + x.stripTrailingZeros() + " hash differ " + (x.hashCode() != y.hashCode()));
        System.out.println("precision " + new BigDecimal("123.4500").precision() + " unscaled " + new BigDecimal("123.4500").unscaledValue() + " scale " + new BigDecimal("123.4500").scale());
        System.out.println("toString " + new BigDecimal("1E+5") + " plain " + new BigDecimal("1E+5").toPlainString() + " engineering " + new BigDecimal("12345E+3").toEngineeringString() + " small " + new BigDecimal("0.0000001"));
        System.out.println("movePointLeft " + new BigDecimal("12345").movePointLeft(3) + " movePointRight " + new BigDecimal("1.5").movePointRight(4) + " negate " + x.negate() + " abs " + new BigDecimal("-3.3").abs() + " pow " + new BigDecimal("1.1").pow(10));
        System.out.println("sqrt(2) " + new BigDecimal(2).sqrt(new MathContext(30)) + " remainder " + new BigDecimal("10.5").remainder(new BigDecimal("3")));
        BigDecimal compound = new BigDecimal("1000.00");
        for (int year = 1; year <= 5; year++) {
            compound = compound.multiply(new BigDecimal("1.05")).setScale(2, RoundingMode.HALF_EVEN);
            System.out.println("year " + year + ": " + compound);
        }
        System.out.println("doubleValue " + new BigDecimal("3.14159265358979323846").doubleValue() + " intValue " + new BigDecimal("-7.9").intValue() + " longValueExact " + new BigDecimal("42.000").longValueExact());
        try {
            new BigDecimal("4.2").intValueExact();
        } catch (ArithmeticException e) {
            System.out.println("intValueExact: " + e.getMessage());
        }
    }
}
