package dev.nntrain.plot;

import dev.nntrain.InvalidInputException;
import dev.nntrain.train.metric.ConfusionMatrix;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A confusion matrix as a heat map: one row per true class, one column per predicted class, the
 * count written in each cell and the cell shaded by the share of its row (how often examples of
 * that true class were predicted as that class), so the diagonal shows each class's recall.
 */
public final class ConfusionMatrixChart {

    /** The size of {@link #render(int[][])}. */
    public static final ChartSize DEFAULT_SIZE = new ChartSize(640, 600);

    /** The darkest shade, for a cell holding all of its row. */
    static final Color FULL = new Color(0x08306b);

    private static final int MARGIN = 12;
    private static final int HEADER = 56;
    private static final int LABELS = 64;
    /** The part of the row labels' space taken by the rotated axis title, "true class". */
    private static final int ROW_TITLE = 28;
    private static final int FOOTER = 40;
    /** The smallest cell drawn, in pixels: a count must stay legible. */
    private static final int MIN_CELL = 8;

    private ConfusionMatrixChart() {}

    /**
     * Returns how many classes fit in a chart, so that a caller can refuse a model with more
     * before any work: {@code render} refuses more.
     *
     * @param size the image's size
     * @return the most classes whose cells are at least 8 pixels wide at that size
     */
    public static int maxClasses(ChartSize size) {
        return Math.max(0, Math.min((size.width() - 2 * MARGIN - LABELS) / MIN_CELL,
                (size.height() - HEADER - LABELS - FOOTER) / MIN_CELL));
    }

    /**
     * Draws a confusion matrix at {@link #DEFAULT_SIZE} with classes named 0, 1, 2 ...
     *
     * @param counts {@code counts[true class][predicted class]}
     * @return the chart
     * @throws InvalidInputException see {@link #render(int[][], List, ChartSize)}
     */
    public static BufferedImage render(int[][] counts) {
        return render(counts, null, DEFAULT_SIZE);
    }

    /**
     * Draws a confusion matrix tallied by {@code CompiledModel.evaluate} or {@link
     * ConfusionMatrix#of}, at {@link #DEFAULT_SIZE} with classes named 0, 1, 2 ...
     *
     * @param matrix the counts of true class against predicted class
     * @return the chart
     * @throws InvalidInputException if its classes do not fit (see {@link #render(long[][],
     *     List, ChartSize)})
     */
    public static BufferedImage of(ConfusionMatrix matrix) {
        return of(matrix, null, DEFAULT_SIZE);
    }

    /**
     * Draws a confusion matrix from {@code dev.nntrain.train}.
     *
     * @param matrix the counts of true class against predicted class
     * @param classNames a name per class, or {@code null} for 0, 1, 2 ...
     * @param size the image's size
     * @return the chart
     * @throws InvalidInputException see {@link #render(long[][], List, ChartSize)}
     */
    public static BufferedImage of(ConfusionMatrix matrix, List<String> classNames, ChartSize size) {
        long[][] counts = new long[matrix.classes()][matrix.classes()];
        for (int t = 0; t < counts.length; t++) {
            for (int p = 0; p < counts.length; p++) {
                counts[t][p] = matrix.count(t, p);
            }
        }
        return render(counts, classNames, size);
    }

    /**
     * Draws a confusion matrix of {@code int} counts.
     *
     * @param counts {@code counts[true class][predicted class]}, square, none negative
     * @param classNames a name per class, or {@code null} for 0, 1, 2 ...
     * @param size the image's size
     * @return the chart
     * @throws InvalidInputException see {@link #render(long[][], List, ChartSize)}
     */
    public static BufferedImage render(int[][] counts, List<String> classNames, ChartSize size) {
        long[][] wide = new long[counts.length][];
        for (int t = 0; t < counts.length; t++) {
            wide[t] = counts[t] == null ? null : Arrays.stream(counts[t]).asLongStream().toArray();
        }
        return render(wide, classNames, size);
    }

    /**
     * Draws a confusion matrix.
     *
     * @param counts {@code counts[true class][predicted class]}, square, none negative
     * @param classNames a name per class, or {@code null} for 0, 1, 2 ...
     * @param size the image's size
     * @return the chart
     * @throws InvalidInputException if {@code counts} is empty or not square, a count is
     *     negative, the names' count differs from the classes', or the cells would be smaller
     *     than 8 pixels
     */
    public static BufferedImage render(long[][] counts, List<String> classNames, ChartSize size) {
        int classes = requireSquare(counts);
        List<String> names = classNames != null ? classNames : numbers(classes);
        Inputs.requireLength(names.size(), "class names", classes, "the matrix");
        BufferedImage chart = ChartImages.blank(size);
        Graphics2D g = ChartImages.graphics(chart);
        int labels = rowLabelSpace(g, names, size, classes);
        int cell = Math.min((size.width() - 2 * MARGIN - labels) / classes,
                (size.height() - HEADER - LABELS - FOOTER) / classes);
        if (cell < MIN_CELL) {
            throw new InvalidInputException(classes + " classes do not fit in " + size.width()
                    + " x " + size.height() + " px; use a larger size");
        }
        int left = (size.width() - classes * cell + labels) / 2;
        int top = HEADER + LABELS / 2;

        drawTitles(g, counts, size, left, top, classes * cell, labels);
        Font countFont = ChartStyle.LEGEND_FONT.deriveFont(
                (float) Math.max(8, Math.min(16, cell * 0.3)));
        for (int t = 0; t < classes; t++) {
            long rowTotal = 0;
            for (long count : counts[t]) {
                rowTotal += count;
            }
            for (int p = 0; p < classes; p++) {
                double share = rowTotal == 0 ? 0 : (double) counts[t][p] / rowTotal;
                Color shade = shade(share);
                g.setColor(shade);
                g.fill(new Rectangle2D.Double(left + p * cell, top + t * cell, cell, cell));
                g.setColor(share > 0.45 ? Color.WHITE : ChartStyle.TEXT);
                g.setFont(Drawing.fitted(g, countFont, String.valueOf(counts[t][p]), cell - 2,
                        countFont.getSize2D()));
                Drawing.centred(g, String.valueOf(counts[t][p]),
                        left + (p + 0.5) * cell, top + (t + 0.5) * cell);
            }
        }
        g.setColor(Color.GRAY);
        g.drawRect(left, top, classes * cell, classes * cell);
        drawClassNames(g, names, left, top, cell, labels);
        g.dispose();
        return chart;
    }

    /**
     * @param share a cell's share of its row, 0 to 1
     * @return its colour: white for none, {@link #FULL} for all
     */
    static Color shade(double share) {
        double white = 1 - Math.sqrt(share); // the square root keeps small confusions visible
        return ChartStyle.tint(FULL, white);
    }

    private static int requireSquare(long[][] counts) {
        Inputs.requireNonEmpty(counts.length, "counts");
        for (int t = 0; t < counts.length; t++) {
            Inputs.requireLength(counts[t] == null ? 0 : counts[t].length,
                    "counts[" + t + "]", counts.length, "counts (rows)");
            for (int p = 0; p < counts.length; p++) {
                if (counts[t][p] < 0) {
                    throw new InvalidInputException("counts[" + t + "][" + p + "] is "
                            + counts[t][p] + "; expected a count of 0 or more");
                }
            }
        }
        return counts.length;
    }

    private static List<String> numbers(int classes) {
        List<String> names = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            names.add(String.valueOf(c));
        }
        return names;
    }

    private static void drawTitles(
            Graphics2D g, long[][] counts, ChartSize size, int left, int top, int side, int labels) {
        long total = 0;
        long right = 0;
        for (int t = 0; t < counts.length; t++) {
            for (int p = 0; p < counts.length; p++) {
                total += counts[t][p];
                right += t == p ? counts[t][p] : 0;
            }
        }
        g.setColor(ChartStyle.TEXT);
        g.setFont(ChartStyle.TITLE_FONT);
        Drawing.centred(g, "Confusion matrix", size.width() / 2.0, MARGIN + 10);
        g.setFont(ChartStyle.LEGEND_FONT);
        String summary = total == 0 ? "no examples"
                : String.format(Locale.ROOT, "%,d examples, accuracy %.4f; shade: share of the "
                        + "true class's examples", total, (double) right / total);
        Drawing.centred(g, summary, size.width() / 2.0, MARGIN + 32);
        g.setFont(ChartStyle.AXIS_TITLE_FONT);
        Drawing.centred(g, "predicted class", left + side / 2.0, top + side + FOOTER - 4);
        Drawing.upwards(g, "true class", left - labels + 10, top + side / 2.0);
    }

    private static void drawClassNames(
            Graphics2D g, List<String> names, int left, int top, int cell, int labels) {
        g.setColor(ChartStyle.TEXT);
        for (int c = 0; c < names.size(); c++) {
            g.setFont(Drawing.fitted(g, ChartStyle.TICK_FONT, names.get(c), cell - 2, 12f));
            Drawing.centred(g, names.get(c), left + (c + 0.5) * cell, top + names.size() * cell + 12);
            g.setFont(Drawing.fitted(g, ChartStyle.TICK_FONT, names.get(c), labels - ROW_TITLE, 12f));
            Drawing.centred(g, names.get(c), left - (labels - ROW_TITLE) / 2.0 - 4, top + (c + 0.5) * cell);
        }
    }

    /**
     * The width left of the grid for the axis title and the row names: wide enough for the
     * widest name at its full size (12 pt), as the column names below the grid are drawn, but
     * never less than the digits' 64 px, nor more than a third of the chart or than leaves every
     * cell {@code MIN_CELL} wide. Numbers and short names keep the layout they always had.
     */
    private static int rowLabelSpace(Graphics2D g, List<String> names, ChartSize size, int classes) {
        java.awt.FontMetrics metrics = g.getFontMetrics(ChartStyle.TICK_FONT.deriveFont(12f));
        int widest = 0;
        for (String name : names) {
            widest = Math.max(widest, metrics.stringWidth(name));
        }
        int wanted = Math.max(LABELS, ROW_TITLE + widest + 8);
        int room = Math.min(size.width() / 3, size.width() - 2 * MARGIN - classes * MIN_CELL);
        return Math.max(LABELS, Math.min(wanted, room));
    }
}
