public class Main {
    sealed interface Shape permits Circle, Square, Poly {}
    record Circle(double r) implements Shape {}
    record Square(double side) implements Shape {}
    static non-sealed class Poly implements Shape {
        final int sides;
        Poly(int sides) { this.sides = sides; }
    }
    static final class Hex extends Poly { Hex() { super(6); } }

    sealed interface Expr permits Num, Add, Mul, Neg {}
    record Num(int v) implements Expr {}
    record Add(Expr l, Expr r) implements Expr {}
    record Mul(Expr l, Expr r) implements Expr {}
    record Neg(Expr e) implements Expr {}

    static abstract sealed class Vehicle permits Car, Truck {}
    static final class Car extends Vehicle { public String toString() { return "Car"; } }
    static final class Truck extends Vehicle { public String toString() { return "Truck"; } }

    static double area(Shape s) {
        if (s instanceof Circle c) return 3 * c.r() * c.r();
        if (s instanceof Square q) return q.side() * q.side();
        if (s instanceof Poly p) return p.sides;
        throw new AssertionError("unreachable");
    }

    static int eval(Expr e) {
        if (e instanceof Num n) return n.v();
        if (e instanceof Add a) return eval(a.l()) + eval(a.r());
        if (e instanceof Mul m) return eval(m.l()) * eval(m.r());
        if (e instanceof Neg n) return -eval(n.e());
        throw new IllegalStateException();
    }

    static String show(Expr e) {
        if (e instanceof Num n) return Integer.toString(n.v());
        if (e instanceof Add a) return "(" + show(a.l()) + " + " + show(a.r()) + ")";
        if (e instanceof Mul m) return show(m.l()) + " * " + show(m.r());
        if (e instanceof Neg n) return "-" + show(n.e());
        return "?";
    }

    public static void main(String[] args) {
        Shape[] shapes = {new Circle(2), new Square(3), new Poly(5), new Hex()};
        for (Shape s : shapes) System.out.println(s.getClass().getSimpleName() + " area " + area(s));
        Expr e = new Add(new Mul(new Num(3), new Num(4)), new Neg(new Add(new Num(1), new Num(2))));
        System.out.println(show(e) + " = " + eval(e));
        System.out.println(e);
        System.out.println("Shape sealed " + Shape.class.isSealed() + " permitted " + Shape.class.getPermittedSubclasses().length);
        for (Class<?> c : Expr.class.getPermittedSubclasses()) System.out.println("  permits " + c.getName());
        System.out.println("Poly sealed " + Poly.class.isSealed() + " Vehicle sealed " + Vehicle.class.isSealed());
        Vehicle[] vs = {new Car(), new Truck()};
        for (Vehicle v : vs) System.out.println(v + " " + (v instanceof Car ? "car" : "truck"));
    }
}
