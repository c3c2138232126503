package dev.nntrain.cli;

import picocli.CommandLine.IVersionProvider;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * Prints nntrain's version and the engine it was built for, read from the jars on the class path
 * (DJL's version, and the PyTorch its JNI was built for), not written here, so that they cannot
 * drift from the build; {@code nntrain doctor} says which native library actually loads.
 */
final class Version implements IVersionProvider {

    @Override
    public String[] getVersion() {
        String v = Nntrain.class.getPackage().getImplementationVersion();
        return new String[] {
            "nntrain " + (v == null ? "(development build)" : v),
            "DJL " + ai.djl.engine.Engine.getDjlVersion() + ", PyTorch engine built for PyTorch " + jniTorchVersion()
                    + ", Java " + System.getProperty("java.version")
                    + " (nntrain doctor: the native library loaded, flavour and devices)"
        };
    }

    /**
     * The PyTorch version DJL's JNI jar was built for: {@code 2.7.1} of its {@code jni_version}
     * {@code 2.7.1-0.36.0}.
     *
     * @return the version, or "unknown" without the jar's properties
     */
    static String jniTorchVersion() {
        Properties p = new Properties();
        try (InputStream in = ai.djl.pytorch.jni.LibUtils.class.getResourceAsStream("/jnilib/pytorch.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            return "unknown";
        }
        String jni = p.getProperty("jni_version", "");
        int dash = jni.indexOf('-');
        return jni.isEmpty() ? "unknown" : dash > 0 ? jni.substring(0, dash) : jni;
    }
}
