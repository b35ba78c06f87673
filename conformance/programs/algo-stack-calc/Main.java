import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

public class Main {
    static int prec(String op) {
        if (op.equals("+") || op.equals("-")) return 1;
        if (op.equals("*") || op.equals("/") || op.equals("%")) return 2;
        if (op.equals("^")) return 3;
        return 0;
    }

    static List<String> tokenize(String s) {
        List<String> out = new ArrayList<String>();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) { i++; continue; }
            if (Character.isDigit(c)) {
                int j = i;
                while (j < s.length() && Character.isDigit(s.charAt(j))) j++;
                out.add(s.substring(i, j));
                i = j;
            } else {
                out.add(String.valueOf(c));
                i++;
            }
        }
        return out;
    }

    static List<String> toRpn(List<String> tokens) {
        List<String> out = new ArrayList<String>();
        Deque<String> ops = new ArrayDeque<String>();
        for (String t : tokens) {
            if (Character.isDigit(t.charAt(0))) out.add(t);
            else if (t.equals("(")) ops.push(t);
            else if (t.equals(")")) {
                while (!ops.peek().equals("(")) out.add(ops.pop());
                ops.pop();
            } else {
                while (!ops.isEmpty() && !ops.peek().equals("(") && (prec(ops.peek()) > prec(t) || (prec(ops.peek()) == prec(t) && !t.equals("^")))) out.add(ops.pop());
                ops.push(t);
            }
        }
        while (!ops.isEmpty()) out.add(ops.pop());
        return out;
    }

    static long eval(List<String> rpn) {
        Deque<Long> st = new ArrayDeque<Long>();
        for (String t : rpn) {
            if (Character.isDigit(t.charAt(0))) { st.push(Long.parseLong(t)); continue; }
            long b = st.pop(), a = st.pop();
            switch (t) {
                case "+": st.push(a + b); break;
                case "-": st.push(a - b); break;
                case "*": st.push(a * b); break;
                case "/": st.push(a / b); break;
                case "%": st.push(a % b); break;
                case "^": { long r = 1; for (long k = 0; k < b; k++) r *= a; st.push(r); break; }
                default: throw new IllegalArgumentException("unknown operator " + t);
            }
        }
        return st.pop();
    }

    public static void main(String[] args) {
        String[] exprs = {"1 + 2 * 3", "(1 + 2) * 3", "2 ^ 3 ^ 2", "100 / 7 % 5", "((15 / (7 - (1 + 1))) * 3) - (2 + (1 + 1))", "2 ^ 62 + 2 ^ 62", "10 - 3 - 2", "7 / (3 - 3)", "42"};
        for (String e : exprs) {
            List<String> rpn = toRpn(tokenize(e));
            try {
                System.out.println(e + "  =>  " + String.join(" ", rpn) + "  =  " + eval(rpn));
            } catch (ArithmeticException ex) {
                System.out.println(e + "  =>  " + String.join(" ", rpn) + "  !  " + ex.getMessage());
            }
        }
    }
}
