import java.util.*;
import java.util.stream.*;

public class Main {
    sealed interface Expr permits Num, Add, Mul, Neg, Var {}
    record Num(double value) implements Expr {}
    record Add(Expr left, Expr right) implements Expr {}
    record Mul(Expr left, Expr right) implements Expr {}
    record Neg(Expr inner) implements Expr {}
    static final class Var implements Expr {
        final String name;
        Var(String name) { this.name = name; }
        public String toString() { return "Var[" + name + "]"; }
    }

    sealed static abstract class Vehicle permits Car, Truck, Bike {
        abstract int wheels();
    }
    static final class Car extends Vehicle { int wheels() { return 4; } }
    static non-sealed class Truck extends Vehicle { int wheels() { return 6; } }
    static class BigTruck extends Truck { int wheels() { return 18; } }
    static final class Bike extends Vehicle { int wheels() { return 2; } }

    static double eval(Expr e, Map<String, Double> env) {
        if (e instanceof Num n) return n.value();
        if (e instanceof Add a) return eval(a.left(), env) + eval(a.right(), env);
        if (e instanceof Mul m) return eval(m.left(), env) * eval(m.right(), env);
        if (e instanceof Neg n) return -eval(n.inner(), env);
        if (e instanceof Var v) return env.getOrDefault(v.name, Double.NaN);
        throw new IllegalStateException();
    }

    static String show(Expr e) {
        if (e instanceof Num n) return n.value() == Math.floor(n.value()) ? String.valueOf((long) n.value()) : String.valueOf(n.value());
        if (e instanceof Add a) return "(" + show(a.left()) + " + " + show(a.right()) + ")";
        if (e instanceof Mul m) return show(m.left()) + " * " + show(m.right());
        if (e instanceof Neg n) return "-" + show(n.inner());
        return ((Var) e).name;
    }

    static Expr simplify(Expr e) {
        if (e instanceof Add a) {
            Expr l = simplify(a.left()), r = simplify(a.right());
            if (l instanceof Num x && x.value() == 0) return r;
            if (r instanceof Num y && y.value() == 0) return l;
            if (l instanceof Num x && r instanceof Num y) return new Num(x.value() + y.value());
            return new Add(l, r);
        }
        if (e instanceof Mul m) {
            Expr l = simplify(m.left()), r = simplify(m.right());
            if (l instanceof Num x && x.value() == 1) return r;
            if (r instanceof Num y && y.value() == 1) return l;
            if ((l instanceof Num x && x.value() == 0) || (r instanceof Num y && y.value() == 0)) return new Num(0);
            return new Mul(l, r);
        }
        if (e instanceof Neg n && n.inner() instanceof Neg inner) return simplify(inner.inner());
        return e;
    }

    public static void main(String[] args) {
        Expr e = new Add(new Mul(new Num(2), new Var("x")), new Neg(new Neg(new Add(new Num(0), new Num(3.5)))));
        System.out.println(e);
        System.out.println(show(e) + " = " + eval(e, Map.of("x", 10.0)) + " unbound " + eval(e, Map.of()));
        Expr s = simplify(e);
        System.out.println("simplified " + show(s) + " -> " + s);
        Expr zero = simplify(new Mul(new Add(new Num(1), new Num(-1)), new Var("y")));
        System.out.println("zero " + zero + " equals " + zero.equals(new Num(0)));
        System.out.println("isSealed " + Expr.class.isSealed() + " " + Vehicle.class.isSealed() + " " + Truck.class.isSealed() + " " + Num.class.isSealed());
        System.out.println("permitted " + Arrays.stream(Expr.class.getPermittedSubclasses()).map(Class::getSimpleName).collect(Collectors.toList()));
        System.out.println("permitted vehicles " + Arrays.stream(Vehicle.class.getPermittedSubclasses()).map(Class::getSimpleName).sorted().collect(Collectors.joining(",")));
        System.out.println("non-sealed permitted " + Truck.class.getPermittedSubclasses());
        List<Vehicle> fleet = List.of(new Car(), new Truck(), new BigTruck(), new Bike(), new Car());
        System.out.println("wheels " + fleet.stream().mapToInt(Vehicle::wheels).sum() + " by type " + fleet.stream().collect(Collectors.groupingBy(v -> v.getClass().getSimpleName(), TreeMap::new, Collectors.summingInt(Vehicle::wheels))));
        for (Vehicle v : fleet) {
            String d;
            if (v instanceof Car) d = "car";
            else if (v instanceof BigTruck bt) d = "big truck " + bt.wheels();
            else if (v instanceof Truck t) d = "truck " + t.wheels();
            else d = "bike";
            System.out.print(d + "; ");
        }
        System.out.println();
        System.out.println("modifiers " + java.lang.reflect.Modifier.toString(Car.class.getModifiers()) + " | " + java.lang.reflect.Modifier.toString(Truck.class.getModifiers()) + " | " + java.lang.reflect.Modifier.toString(Vehicle.class.getModifiers()));
    }
}
