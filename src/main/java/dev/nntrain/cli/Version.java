package dev.nntrain.cli;

import picocli.CommandLine.IVersionProvider;

/** Prints nntrain's version and the engine it was built for. */
final class Version implements IVersionProvider {

    @Override
    public String[] getVersion() {
        String v = Nntrain.class.getPackage().getImplementationVersion();
        return new String[] {
            "nntrain " + (v == null ? "(development build)" : v),
            "DJL 0.36.0, PyTorch engine 2.7.1, Java " + System.getProperty("java.version")
                    + " (nntrain doctor: native library, flavour and devices)"
        };
    }
}
