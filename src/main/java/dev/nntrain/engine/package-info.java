/**
 * The engine under every other package: the only code that talks to DJL's PyTorch engine
 * directly or reports on it.
 *
 * <ul>
 *   <li>{@link dev.nntrain.engine.Engines}: CPU threads, devices ({@code cpu}, {@code gpu},
 *       {@code gpu:N}), the per-thread settings PyTorch keeps (grad mode, thread count), and the
 *       few PyTorch-specific operations (row gathers, gradient handles, the random seed);
 *   <li>{@link dev.nntrain.engine.EngineScalars}: the scalars a training step needs, kept on the
 *       engine once instead of created per step;
 *   <li>{@link dev.nntrain.engine.EngineReport}: what {@code nntrain doctor} prints, the engine's
 *       version, native library folder, flavour and each CUDA device's name.
 * </ul>
 *
 * <p>Porting nntrain to another DJL engine means changing this package alone.
 */
package dev.nntrain.engine;
