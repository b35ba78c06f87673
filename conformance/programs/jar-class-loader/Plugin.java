package plugin;

/** Loaded from a jar that Main writes at run time. */
public class Plugin implements java.util.function.Supplier<String> {
    @Override
    public String get() {
        Package p = Plugin.class.getPackage();
        return "plugin from " + (Plugin.class.getClassLoader() instanceof java.net.URLClassLoader ? "the jar" : "elsewhere")
            + ", resource: " + readResource();
    }

    static String readResource() {
        try (java.io.InputStream in = Plugin.class.getResourceAsStream("/config/plugin.properties")) {
            return in == null ? "none" : new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).trim();
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }
}
