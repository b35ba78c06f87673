public class Main {
    public static void main(String[] args) {
        System.out.println("conf.name=" + System.getProperty("conf.name"));
        System.out.println("conf.count=" + Integer.getInteger("conf.count"));
        System.out.println("conf.flag=" + Boolean.getBoolean("conf.flag"));
        System.out.println("conf.empty=[" + System.getProperty("conf.empty") + "]");
        System.out.println("missing=" + System.getProperty("conf.missing") + " default=" + System.getProperty("conf.missing", "fallback"));
        System.out.println("Long.getLong=" + Long.getLong("conf.count", 5L) + " missing " + Long.getLong("conf.missing", 5L));
        System.setProperty("conf.set", "runtime");
        System.out.println("conf.set=" + System.getProperty("conf.set"));
        System.out.println("clear returns " + System.clearProperty("conf.set") + " after " + System.getProperty("conf.set"));
        System.out.println("line.separator length=" + System.lineSeparator().length() + " file.separator=" + System.getProperty("file.separator") + " path.separator=" + System.getProperty("path.separator"));
        System.out.println("java.specification.version=" + System.getProperty("java.specification.version"));
        System.out.println("java.class.version=" + System.getProperty("java.class.version"));
    }
}
