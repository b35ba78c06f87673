class AppException extends Exception {
    private final int code;
    AppException(String msg, int code) { super(msg); this.code = code; }
    AppException(String msg, Throwable cause) { super(msg, cause); this.code = -1; }
    int code() { return code; }
}

class ValidationException extends AppException {
    ValidationException(String field) { super("invalid field: " + field, 400); }
    public String getMessage() { return "[validation] " + super.getMessage(); }
}

class QuietException extends RuntimeException {
    QuietException() { super(); }
    public String toString() { return "QuietException(custom toString)"; }
}

public class Main {
    static void validate(String f) throws ValidationException {
        if (f.isEmpty()) throw new ValidationException("name");
    }

    static void wrap() throws AppException {
        try {
            Integer.parseInt("x1");
        } catch (NumberFormatException e) {
            throw new AppException("wrapping failed parse", e);
        }
    }

    public static void main(String[] args) {
        try {
            validate("");
        } catch (AppException e) {
            System.out.println("msg=" + e.getMessage() + " code=" + e.code() + " toString=" + e);
            System.out.println("localized=" + e.getLocalizedMessage() + " cause=" + e.getCause());
        }
        try {
            wrap();
        } catch (AppException e) {
            System.out.println("msg=" + e.getMessage() + " code=" + e.code());
            Throwable c = e.getCause();
            System.out.println("cause class=" + c.getClass().getName() + " cause msg=" + c.getMessage());
        }
        RuntimeException r = new RuntimeException(new IllegalStateException("root"));
        System.out.println("auto message: " + r.getMessage());
        Exception chain = new Exception("top", new RuntimeException("middle", new Error("bottom")));
        int level = 0;
        for (Throwable t = chain; t != null; t = t.getCause()) {
            System.out.println("level " + level++ + ": " + t);
        }
        Exception late = new Exception("late");
        late.initCause(new ArithmeticException("set later"));
        System.out.println("initCause: " + late.getCause());
        try {
            late.initCause(new RuntimeException());
        } catch (IllegalStateException e) {
            System.out.println("second initCause: " + e.getMessage());
        }
        System.out.println("null message: " + new RuntimeException().getMessage() + " / " + new RuntimeException((String) null));
        try {
            throw new QuietException();
        } catch (QuietException q) {
            System.out.println("quiet: " + q + " msg " + q.getMessage());
        }
        Exception sup = new Exception("primary");
        sup.addSuppressed(new RuntimeException("s1"));
        sup.addSuppressed(new RuntimeException("s2"));
        Throwable[] s = sup.getSuppressed();
        System.out.println("suppressed count " + s.length + " first " + s[0].getMessage() + " second " + s[1].getMessage());
        StackTraceElement top = new Throwable().getStackTrace()[0];
        System.out.println("stack top: " + top.getClassName() + "." + top.getMethodName() + ":" + top.getLineNumber() + " file " + top.getFileName());
    }
}
