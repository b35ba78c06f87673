public class Main {
    static class Thing {
        final String n;
        Thing(String n) { this.n = n; }
        public String toString() { return "Thing<" + n + ">"; }
    }

    static class NullToString {
        public String toString() { return null; }
    }

    public static void main(String[] args) {
        int i = -42;
        long l = Long.MIN_VALUE;
        char c = 'q';
        double d = 1.0 / 3;
        float f = 2.5e-8f;
        boolean b = true;
        byte by = (byte) 200;
        short sh = (short) -7;
        String s = null;
        Object o = new Thing("x");
        Object no = null;
        System.out.println("int=" + i + " long=" + l + " char=" + c + " double=" + d + " float=" + f + " bool=" + b);
        System.out.println("byte=" + by + " short=" + sh + " nullString=" + s + " obj=" + o + " nullObj=" + no);
        System.out.println(i + l + "|" + c + d + "|" + (c + 1) + "|" + c + 1);
        System.out.println("" + 'a' + 'b' + " vs " + ('a' + 'b'));
        System.out.println(1 + 2 + "3" + 4 + 5);
        System.out.println("special doubles " + Double.NaN + " " + (-0.0) + " " + (1e300 * 1e300) + " " + 100.0 + " " + 1e-7 + " " + 12345678.9f);
        String acc = "";
        for (int k = 0; k < 5; k++) acc += k + ",";
        acc += 'z';
        System.out.println(acc);
        StringBuilder sb = new StringBuilder("sb");
        System.out.println("builder " + sb + " array-length " + new int[3].length + " nested " + ("(" + ("[" + i + "]") + ")"));
        System.out.println("nullToString " + new NullToString());
        char[] chars = {'h', 'i'};
        System.out.println("chars via valueOf " + String.valueOf(chars));
        String many = "a" + 1 + "b" + 2L + "c" + 3.0f + "d" + 4.0 + "e" + true + "f" + 'g' + "h" + o + "i" + s + "j" + by + "k" + sh;
        System.out.println(many + " len " + many.length());
        final String constant = "compile" + "time" + 42;
        System.out.println(constant + " interned " + (constant == "compiletime42"));
        String big = "";
        for (int k = 0; k < 30; k++) big = big + k + (k % 2 == 0 ? "e" : "o");
        System.out.println(big);
        System.out.println("\u0001\u0002".length() + " tab[\t] newline escape \\n quote \" ");
        Integer boxed = 7;
        Long lboxed = null;
        System.out.println("boxed " + boxed + " nullLong " + lboxed + " sum " + (boxed + 1));
    }
}
