package dev.nntrain.model.file;

import ai.djl.Device;

/**
 * How to load a saved model: onto which device, and whether to verify its checksum.
 *
 * <pre>{@code
 * Sequential.load(dir, LoadOptions.builder().optDevice(Device.cpu()).build());
 * }</pre>
 *
 * <p>Verification is on by default: a model whose checksum is missing or does not match its
 * files is refused. {@code optVerify(false)} (the command line's {@code --no-verify}) loads such a
 * model anyway, for one whose files you edited on purpose or one saved by an nntrain older than
 * the checksum; the bounds on its architecture and the size check of its parameter file still
 * apply.
 */
public final class LoadOptions {

    private final Device device;
    private final boolean verify;

    private LoadOptions(Builder b) {
        this.device = b.device;
        this.verify = b.verify;
    }

    /** @return a builder with the defaults: the default device, verification on */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the defaults: the default device, verification on */
    public static LoadOptions defaults() {
        return builder().build();
    }

    /** @return the device, or null for the engine's default */
    public Device device() {
        return device;
    }

    /** @return whether the checksum must be present and match */
    public boolean verify() {
        return verify;
    }

    /** Builds {@link LoadOptions}. */
    public static final class Builder {
        private Device device;
        private boolean verify = true;

        private Builder() {}

        /**
         * Loads onto a device.
         *
         * @param device the device, or null for the default
         * @return this builder
         */
        public Builder optDevice(Device device) {
            this.device = device;
            return this;
        }

        /**
         * Verifies the checksum (default) or skips it.
         *
         * @param verify false to load a model without a checksum or with a stale one
         * @return this builder
         */
        public Builder optVerify(boolean verify) {
            this.verify = verify;
            return this;
        }

        /** @return the options */
        public LoadOptions build() {
            return new LoadOptions(this);
        }
    }
}
