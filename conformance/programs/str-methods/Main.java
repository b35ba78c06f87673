public class Main {
    public static void main(String[] args) {
        String s = "  Hello, World! Hello!  ";
        System.out.println("[" + s + "] length=" + s.length());
        System.out.println("trim=[" + s.trim() + "] strip=[" + s.strip() + "] stripLeading=[" + s.stripLeading() + "] stripTrailing=[" + s.stripTrailing() + "]");
        String t = s.trim();
        System.out.println("substring(7)=" + t.substring(7) + " substring(0,5)=" + t.substring(0, 5));
        System.out.println("indexOf(Hello)=" + t.indexOf("Hello") + " lastIndexOf(Hello)=" + t.lastIndexOf("Hello") + " indexOf(Hello,1)=" + t.indexOf("Hello", 1));
        System.out.println("indexOf('o')=" + t.indexOf('o') + " indexOf(zz)=" + t.indexOf("zz") + " charAt(4)=" + t.charAt(4));
        System.out.println("replace=" + t.replace('l', 'L') + " replaceStr=" + t.replace("Hello", "Bye"));
        System.out.println("replaceAll=" + t.replaceAll("[aeiou]", "*") + " replaceFirst=" + t.replaceFirst("l+", "_"));
        System.out.println("upper=" + t.toUpperCase() + " lower=" + t.toLowerCase());
        System.out.println("contains=" + t.contains("World") + " startsWith=" + t.startsWith("Hell") + " endsWith=" + t.endsWith("!"));
        String[] parts = "a,b,,c,,".split(",");
        System.out.println("split count=" + parts.length);
        for (int i = 0; i < parts.length; i++) System.out.println("  part[" + i + "]=[" + parts[i] + "]");
        String[] lim = "a,b,,c,,".split(",", -1);
        System.out.println("split -1 count=" + lim.length);
        String[] ws = "  one two   three ".trim().split("\\s+");
        System.out.println("words=" + ws.length + " " + ws[0] + "|" + ws[1] + "|" + ws[2]);
        String[] two = "k=v=w".split("=", 2);
        System.out.println("limit2 " + two[0] + " / " + two[1]);
        System.out.println("compareTo: " + "apple".compareTo("banana") + " " + "b".compareTo("a") + " " + "abc".compareTo("abcd") + " " + "ABC".compareToIgnoreCase("abd"));
        String a1 = "hello", a2 = new String("hello");
        System.out.println("equals=" + a1.equals(a2) + " == " + (a1 == a2) + " intern== " + (a1 == a2.intern()) + " equalsIgnoreCase=" + "HeLLo".equalsIgnoreCase(a1));
        System.out.println("hashCode(hello)=" + a1.hashCode() + " hashCode('')=" + "".hashCode() + " hashCode(long)=" + "the quick brown fox jumps".hashCode());
        System.out.println("join=" + String.join("-", "x", "y", "z") + " repeat=" + "ab".repeat(3) + " empty repeat=[" + "ab".repeat(0) + "]");
        System.out.println("valueOf: " + String.valueOf(42) + " " + String.valueOf(3.5) + " " + String.valueOf(true) + " " + String.valueOf('c') + " " + String.valueOf(new char[] {'h', 'i'}) + " " + String.valueOf((Object) null));
        System.out.println("isEmpty=" + "".isEmpty() + " isBlank=" + "  \t".isBlank());
        int sum = 0;
        char[] cs = "abcXYZ".toCharArray();
        for (char c : cs) sum += c;
        System.out.println("char sum=" + sum);
        System.out.println("concat=" + "foo".concat("bar") + " matches=" + "abc123".matches("[a-z]+\\d+"));
        System.out.println("regionMatches=" + "Hello".regionMatches(true, 1, "XELLX", 1, 3));
        System.out.println("codePointAt=" + "A\u00e9".codePointAt(1) + " chars=" + "hello".chars().count());
        try {
            "abc".substring(5);
        } catch (StringIndexOutOfBoundsException e) {
            System.out.println("caught: " + e.getMessage());
        }
        try {
            "abc".charAt(-1);
        } catch (StringIndexOutOfBoundsException e) {
            System.out.println("caught: " + e.getMessage());
        }
        System.out.println("indent:" + "x\ny".indent(2).replace('\n', '|'));
        System.out.println("lines=" + "a\nb\r\nc".lines().count());
    }
}
