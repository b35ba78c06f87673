interface Shape { double area(); }
class Sq implements Shape { final double s; Sq(double s) { this.s = s; } public double area() { return s * s; } public String toString() { return "Sq" + s; } }
class Tri implements Shape { final double b, h; Tri(double b, double h) { this.b = b; this.h = h; } public double area() { return b * h / 2; } public String toString() { return "Tri" + b + "x" + h; } }

public class Main {
    static String kind(Object o) {
        if (o == null) return "null";
        if (o instanceof int[]) return "int[" + ((int[]) o).length + "]";
        if (o instanceof int[][]) return "int[][" + ((int[][]) o).length + "]";
        if (o instanceof String[]) return "String[" + ((String[]) o).length + "]";
        if (o instanceof Shape[]) return "Shape[" + ((Shape[]) o).length + "]";
        if (o instanceof Object[]) return "Object[" + ((Object[]) o).length + "]";
        if (o instanceof Shape) return "Shape area " + ((Shape) o).area();
        if (o instanceof Number) return "Number " + ((Number) o).doubleValue();
        if (o instanceof CharSequence) return "CharSequence " + ((CharSequence) o).length();
        return "Object " + o.getClass().getName();
    }

    public static void main(String[] args) {
        Object[] things = {new int[3], new int[2][5], new String[] {"a"}, new Sq[2], new Shape[] {new Sq(2), new Tri(3, 4)}, new Object[4], new Integer[1], new Sq(3), new Tri(2, 2), 5, 2.5f, "str", new StringBuilder("sb"), null, new Object[0][0], Boolean.TRUE, new char[1]};
        for (Object o : things) System.out.println(kind(o));
        Shape[] shapes = {new Sq(1), new Tri(4, 5), new Sq(2.5)};
        double total = 0;
        for (Shape s : shapes) total += s.area();
        System.out.println("total area " + total);
        Object o = shapes;
        Shape[] back = (Shape[]) o;
        System.out.println("back " + back.length + " " + back[1]);
        Object[] objs = shapes;
        System.out.println("Shape[] as Object[] " + objs.length + " component " + objs.getClass().getComponentType().getName());
        Sq[] squares = {new Sq(1)};
        Shape[] widened = squares;
        try {
            widened[0] = new Tri(1, 1);
        } catch (ArrayStoreException e) {
            System.out.println("ArrayStoreException " + e.getMessage());
        }
        int[][] m = new int[2][];
        System.out.println("m[0]==null " + (m[0] == null) + " m instanceof Object " + (m instanceof Object) + " ((Object)m[0]) instanceof int[] " + (((Object) m[0]) instanceof int[]));
        Class<?> c = int[][].class;
        System.out.println("class " + c.getName() + " simple " + c.getSimpleName() + " isArray " + c.isArray() + " component " + c.getComponentType().getName() + " primitive " + c.getComponentType().getComponentType().isPrimitive());
        System.out.println("isInstance " + Shape.class.isInstance(new Tri(1, 1)) + " isAssignableFrom " + Object[].class.isAssignableFrom(Shape[].class) + " " + int[].class.isAssignableFrom(long[].class));
        Object cloned = shapes.clone();
        System.out.println("clone type " + cloned.getClass().getSimpleName() + " same elements " + (((Shape[]) cloned)[0] == shapes[0]));
    }
}
