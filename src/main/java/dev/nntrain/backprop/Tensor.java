package dev.nntrain.backprop;

import java.util.Arrays;
import java.util.List;
import java.util.function.DoubleUnaryOperator;

/**
 * A matrix node of a computation graph: {@link Value} for whole layers. It holds
 * {@code rows × cols} numbers in one row-major {@code double[]}, a gradient of the same shape,
 * its parents and a backward rule, so that a dense layer of a network is three nodes (a matrix
 * product, a bias, an activation) rather than one node per multiplication.
 *
 * <p>A batch of examples is a matrix with one example per row. Operations return new nodes;
 * {@link #backward()}, called on a 1 × 1 result such as a loss, fills in every gradient.
 */
public final class Tensor {

    private static final Runnable LEAF = () -> {};

    private final int rows;
    private final int cols;
    private final double[] data;
    private final double[] grad;
    private final List<Tensor> parents;
    private final String operation;
    /** Adds this node's gradient, times its local derivatives, into its parents' gradients. */
    private Runnable backwardRule = LEAF;

    private Tensor(int rows, int cols, double[] data, String operation, List<Tensor> parents) {
        if (rows <= 0 || cols <= 0) {
            throw new IllegalArgumentException("shape must be positive, got " + rows + " x " + cols);
        }
        if (data.length != rows * cols) {
            throw new IllegalArgumentException(
                    rows + " x " + cols + " needs " + rows * cols + " values, got " + data.length);
        }
        this.rows = rows;
        this.cols = cols;
        this.data = data;
        this.grad = new double[data.length];
        this.operation = operation;
        this.parents = parents;
    }

    /**
     * A leaf matrix holding a copy of {@code values}, given row by row.
     *
     * @param rows the number of rows
     * @param cols the number of columns
     * @param values {@code rows × cols} values, row-major
     * @return a new leaf, with a zero gradient
     */
    public static Tensor of(int rows, int cols, double... values) {
        return new Tensor(rows, cols, values.clone(), "", List.of());
    }

    /**
     * A 1 × 1 leaf.
     *
     * @param value the only element
     * @return a new leaf
     */
    public static Tensor scalar(double value) {
        return of(1, 1, value);
    }

    /**
     * A node computed by {@code operation} from {@code parents}, owning {@code values}; the
     * caller then sets its rule with {@link #onBackward}. For the package's own operations.
     */
    static Tensor result(int rows, int cols, double[] values, String operation, Tensor... parents) {
        return new Tensor(rows, cols, values, operation, List.of(parents));
    }

    /** Sets the rule that passes this node's gradient to its parents. */
    void onBackward(Runnable rule) {
        this.backwardRule = rule;
    }

    /** The live values, for the package's operations (row-major). */
    double[] values() {
        return data;
    }

    /** The live gradient, for the package's operations (row-major). */
    double[] gradients() {
        return grad;
    }

    // ---------------------------------------------------------------- accessors

    /**
     * Number of rows (examples, in a batch).
     *
     * @return the rows
     */
    public int rows() {
        return rows;
    }

    /**
     * Number of columns (features or units).
     *
     * @return the columns
     */
    public int cols() {
        return cols;
    }

    /**
     * {@code rows × cols}.
     *
     * @return the number of elements
     */
    public int size() {
        return data.length;
    }

    /**
     * The value at row {@code r}, column {@code c}.
     *
     * @param r the row, from 0
     * @param c the column, from 0
     * @return the value there
     */
    public double get(int r, int c) {
        return data[index(r, c)];
    }

    /**
     * The gradient at row {@code r}, column {@code c}.
     *
     * @param r the row, from 0
     * @param c the column, from 0
     * @return d(the node {@code backward()} last ran on)/d(this element)
     */
    public double gradAt(int r, int c) {
        return grad[index(r, c)];
    }

    /**
     * The value of a 1 × 1 node, such as a loss.
     *
     * @return the single value
     */
    public double item() {
        requireScalar("item()");
        return data[0];
    }

    /**
     * A copy of the values, row-major.
     *
     * @return a new array of {@code rows × cols} values
     */
    public double[] data() {
        return data.clone();
    }

    /**
     * A copy of the gradient, row-major, same shape as the values.
     *
     * @return a new array of {@code rows × cols} derivatives, zero before {@code backward()}
     */
    public double[] grad() {
        return grad.clone();
    }

    /**
     * The operation that produced this node, empty for a leaf.
     *
     * @return the operation's printed name
     */
    public String operation() {
        return operation;
    }

    /**
     * The nodes this one was computed from, empty for a leaf.
     *
     * @return the operands, in order; unmodifiable
     */
    public List<Tensor> parents() {
        return parents;
    }

    private int index(int r, int c) {
        if (r < 0 || r >= rows || c < 0 || c >= cols) {
            throw new IndexOutOfBoundsException("(" + r + ", " + c + ") outside " + rows + " x " + cols);
        }
        return r * cols + c;
    }

    // ---------------------------------------------------------------- linear algebra

    /**
     * The matrix product {@code this · other}: (n × k) · (k × m) gives n × m.
     *
     * @param other the right factor, with as many rows as this has columns
     * @return a new node; its backward rule gives {@code dThis = dOut · otherᵀ} and
     *     {@code dOther = thisᵀ · dOut}
     */
    public Tensor matmul(Tensor other) {
        if (cols != other.rows) {
            throw new IllegalArgumentException(
                    "cannot multiply " + shape() + " by " + other.shape());
        }
        int n = rows;
        int k = cols;
        int m = other.cols;
        double[] a = data;
        double[] b = other.data;
        double[] product = new double[n * m];
        for (int i = 0; i < n; i++) {
            for (int p = 0; p < k; p++) {
                double aip = a[i * k + p];
                for (int j = 0; j < m; j++) {
                    product[i * m + j] += aip * b[p * m + j];
                }
            }
        }
        Tensor out = result(n, m, product, "matmul", this, other);
        out.onBackward(() -> {
            // dA = dOut · Bᵀ and dB = Aᵀ · dOut, written as loops over the same indices.
            for (int i = 0; i < n; i++) {
                for (int p = 0; p < k; p++) {
                    double sum = 0;
                    for (int j = 0; j < m; j++) {
                        double g = out.grad[i * m + j];
                        sum += g * b[p * m + j];
                        other.grad[p * m + j] += a[i * k + p] * g;
                    }
                    grad[i * k + p] += sum;
                }
            }
        });
        return out;
    }

    /**
     * The transpose: an n × m matrix becomes m × n.
     *
     * @return a new node, whose gradient flows back transposed
     */
    public Tensor transpose() {
        double[] t = new double[data.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                t[c * rows + r] = data[r * cols + c];
            }
        }
        Tensor out = result(cols, rows, t, "transpose", this);
        out.onBackward(() -> {
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    grad[r * cols + c] += out.grad[c * rows + r];
                }
            }
        });
        return out;
    }

    /**
     * Adds a 1 × cols row (a layer's bias) to every row: the broadcast of {@code z = x·Wᵀ + b}.
     * The bias's gradient is therefore the column sums of this node's gradient.
     *
     * @param row a 1 × cols() bias
     * @return a new node of this node's shape
     */
    public Tensor addRowVector(Tensor row) {
        if (row.rows != 1 || row.cols != cols) {
            throw new IllegalArgumentException(
                    "bias must be 1 x " + cols + " to add to " + shape() + ", got " + row.shape());
        }
        double[] sum = new double[data.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                sum[r * cols + c] = data[r * cols + c] + row.data[c];
            }
        }
        Tensor out = result(rows, cols, sum, "+bias", this, row);
        out.onBackward(() -> {
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    double g = out.grad[r * cols + c];
                    grad[r * cols + c] += g;
                    row.grad[c] += g;
                }
            }
        });
        return out;
    }

    /**
     * Elementwise sum of two matrices of the same shape.
     *
     * @param other a matrix of this node's shape
     * @return a new node; its gradient flows unchanged to both operands
     */
    public Tensor add(Tensor other) {
        requireSameShape(other, "add");
        double[] sum = new double[data.length];
        for (int i = 0; i < sum.length; i++) {
            sum[i] = data[i] + other.data[i];
        }
        Tensor out = result(rows, cols, sum, "+", this, other);
        out.onBackward(() -> {
            for (int i = 0; i < sum.length; i++) {
                grad[i] += out.grad[i];
                other.grad[i] += out.grad[i];
            }
        });
        return out;
    }

    /**
     * Elementwise product of two matrices of the same shape.
     *
     * @param other a matrix of this node's shape
     * @return a new node; each operand receives the gradient times the other operand's values
     */
    public Tensor mul(Tensor other) {
        requireSameShape(other, "mul");
        double[] product = new double[data.length];
        for (int i = 0; i < product.length; i++) {
            product[i] = data[i] * other.data[i];
        }
        Tensor out = result(rows, cols, product, "*", this, other);
        out.onBackward(() -> {
            for (int i = 0; i < product.length; i++) {
                grad[i] += other.data[i] * out.grad[i];
                other.grad[i] += data[i] * out.grad[i];
            }
        });
        return out;
    }

    /**
     * The sum of all elements, as a 1 × 1 node.
     *
     * @return a new 1 × 1 node; every element receives its gradient
     */
    public Tensor sum() {
        double total = 0;
        for (double v : data) {
            total += v;
        }
        Tensor out = result(1, 1, new double[] {total}, "sum", this);
        out.onBackward(() -> {
            for (int i = 0; i < grad.length; i++) {
                grad[i] += out.grad[0];
            }
        });
        return out;
    }

    // ---------------------------------------------------------------- activations

    /**
     * Elementwise {@code max(0, z)}; the derivative at exactly 0 is taken as 0.
     *
     * @return a new node of this node's shape
     */
    public Tensor relu() {
        return elementwise("relu", z -> Math.max(0, z), (z, a) -> z > 0 ? 1 : 0);
    }

    /**
     * Elementwise {@code z} for positive z and {@code alpha · z} otherwise.
     *
     * @param alpha the slope for negative z
     * @return a new node of this node's shape
     */
    public Tensor leakyRelu(double alpha) {
        return elementwise(
                "leaky_relu(" + alpha + ")", z -> z > 0 ? z : alpha * z, (z, a) -> z > 0 ? 1 : alpha);
    }

    /**
     * Elementwise {@code 1 / (1 + e^-z)}, without overflow for large |z|.
     *
     * @return a new node of this node's shape
     */
    public Tensor sigmoid() {
        return elementwise("sigmoid", Value::stableSigmoid, (z, a) -> a * (1 - a));
    }

    /**
     * Elementwise hyperbolic tangent.
     *
     * @return a new node of this node's shape
     */
    public Tensor tanh() {
        return elementwise("tanh", Math::tanh, (z, a) -> 1 - a * a);
    }

    /** How an elementwise function's derivative follows from its input z and output a. */
    @FunctionalInterface
    private interface LocalDerivative {
        double at(double input, double output);
    }

    private Tensor elementwise(String name, DoubleUnaryOperator f, LocalDerivative derivative) {
        double[] a = new double[data.length];
        for (int i = 0; i < a.length; i++) {
            a[i] = f.applyAsDouble(data[i]);
        }
        Tensor out = result(rows, cols, a, name, this);
        out.onBackward(() -> {
            for (int i = 0; i < a.length; i++) {
                grad[i] += derivative.at(data[i], a[i]) * out.grad[i];
            }
        });
        return out;
    }

    /**
     * Softmax over each row: {@code a_j = e^{z_j} / sum_k e^{z_k}}, computed after subtracting
     * the row's maximum so that no exponential overflows. Unlike the elementwise activations each
     * output depends on the whole row, so the backward rule is
     * {@code dz_j = a_j (da_j - sum_k da_k a_k)}.
     *
     * @return a new node of this node's shape, each row summing to 1
     */
    public Tensor softmaxRows() {
        double[] a = new double[data.length];
        for (int r = 0; r < rows; r++) {
            int start = r * cols;
            double max = rowMax(data, start, cols);
            double total = 0;
            for (int c = 0; c < cols; c++) {
                a[start + c] = Math.exp(data[start + c] - max);
                total += a[start + c];
            }
            for (int c = 0; c < cols; c++) {
                a[start + c] /= total;
            }
        }
        Tensor out = result(rows, cols, a, "softmax", this);
        out.onBackward(() -> {
            for (int r = 0; r < rows; r++) {
                int start = r * cols;
                double dot = 0;
                for (int c = 0; c < cols; c++) {
                    dot += out.grad[start + c] * a[start + c];
                }
                for (int c = 0; c < cols; c++) {
                    grad[start + c] += a[start + c] * (out.grad[start + c] - dot);
                }
            }
        });
        return out;
    }

    static double rowMax(double[] values, int start, int length) {
        double max = Double.NEGATIVE_INFINITY;
        for (int i = start; i < start + length; i++) {
            max = Math.max(max, values[i]);
        }
        return max;
    }

    // ---------------------------------------------------------------- backpropagation

    /**
     * Computes the derivative of this 1 × 1 node (a loss) with respect to every node it depends
     * on. Gradients of all reachable nodes are reset first, so calling it twice gives the same
     * result; the order is found without recursion, so very deep graphs are fine.
     */
    public void backward() {
        requireScalar("backward()");
        List<Tensor> order = TopologicalSort.parentsFirst(this, Tensor::parents);
        for (Tensor t : order) {
            Arrays.fill(t.grad, 0);
        }
        grad[0] = 1;
        for (int i = order.size() - 1; i >= 0; i--) {
            order.get(i).backwardRule.run();
        }
    }

    /**
     * {@code "rows x cols"}.
     *
     * @return for example {@code "32 x 10"}
     */
    public String shape() {
        return rows + " x " + cols;
    }

    private void requireScalar(String what) {
        if (data.length != 1) {
            throw new IllegalStateException(what + " needs a 1 x 1 tensor, this is " + shape());
        }
    }

    private void requireSameShape(Tensor other, String what) {
        if (rows != other.rows || cols != other.cols) {
            throw new IllegalArgumentException(
                    "cannot " + what + " " + shape() + " and " + other.shape());
        }
    }

    /** For example {@code Tensor(2 x 3, matmul)}; does not print the numbers or walk the graph. */
    @Override
    public String toString() {
        return "Tensor(" + shape() + (operation.isEmpty() ? "" : ", " + operation) + ")";
    }
}
