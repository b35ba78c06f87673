abstract class Shape {
    static int created = 0;
    protected final String name;
    Shape(String name) { this.name = name; created++; }
    abstract double area();
    String describe() { return name + " with area " + area(); }
    static String kind() { return "Shape"; }
    public String toString() { return "Shape[" + name + "]"; }
}

class Rect extends Shape {
    final double w, h;
    Rect(double w, double h) { this("rect", w, h); }
    protected Rect(String n, double w, double h) { super(n); this.w = w; this.h = h; }
    double area() { return w * h; }
    static String kind() { return "Rect"; }
}

class Square extends Rect {
    Square(double s) { super("square", s, s); }
    String describe() { return "Square! " + super.describe(); }
    public String toString() { return "Square<" + super.toString() + ">"; }
}

class Circle extends Shape {
    final double r;
    Circle(double r) { super("circle"); this.r = r; }
    double area() { return 3 * r * r; }
}

class Printer {
    String print(Object o) { return "Object:" + o; }
    String print(String s) { return "String:" + s; }
    String print(Integer i) { return "Integer:" + i; }
    String print(int i) { return "int:" + i; }
    String print(long l) { return "long:" + l; }
    String print(double d) { return "double:" + d; }
    String print(Shape s) { return "Shape:" + s.name; }
    String print(Rect r) { return "Rect:" + r.name; }
}

class Base {
    String field = "base-field";
    String who() { return "Base"; }
    String callWho() { return "Base.callWho->" + who(); }
}

class Derived extends Base {
    String field = "derived-field";
    String who() { return "Derived"; }
    String superWho() { return super.who() + "/" + super.field + "/" + field; }
}

public class Main {
    public static void main(String[] args) {
        Shape[] shapes = {new Rect(2, 3), new Square(4), new Circle(1.5)};
        for (Shape s : shapes) System.out.println(s.describe() + " | " + s);
        System.out.println("created=" + Shape.created);
        System.out.println("static kinds: " + Shape.kind() + " " + Rect.kind() + " " + Square.kind());
        Printer p = new Printer();
        Object o = "hidden";
        short sh = 3;
        char ch = 'c';
        System.out.println(p.print("s") + " " + p.print(o) + " " + p.print(5) + " " + p.print(5L) + " " + p.print(sh) + " " + p.print(ch) + " " + p.print(2.5f));
        System.out.println(p.print(Integer.valueOf(9)) + " " + p.print(shapes[0]) + " " + p.print((Rect) shapes[1]) + " " + p.print((Object) shapes[2]));
        Base b = new Derived();
        System.out.println(b.who() + " " + b.field + " " + ((Derived) b).field + " " + b.callWho() + " " + ((Derived) b).superWho());
        System.out.println("instanceof: " + (b instanceof Derived) + " " + (shapes[1] instanceof Rect) + " " + (shapes[2] instanceof Rect));
        System.out.println("class names: " + b.getClass().getName() + " super " + b.getClass().getSuperclass().getName() + " " + Square.class.getSuperclass().getSuperclass().getSimpleName());
        System.out.println("abstract? " + java.lang.reflect.Modifier.isAbstract(Shape.class.getModifiers()));
    }
}
