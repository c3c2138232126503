package dev.nntrain.plot;

/**
 * A regular grid of cells over a rectangle, for evaluating a model or a function everywhere in a
 * chart. Cells are counted row by row from the bottom left; a cell's value is taken at its centre.
 */
final class Lattice {

    private final Bounds bounds;
    private final int columns;
    private final int rows;

    /**
     * Covers a rectangle with cells of about the same width and height.
     *
     * @param bounds the rectangle
     * @param cellsAcross the number of cells along the longer side of the chart
     * @param aspect the chart's plot width over its height
     */
    Lattice(Bounds bounds, int cellsAcross, double aspect) {
        this.bounds = bounds;
        this.columns = aspect >= 1 ? cellsAcross : Math.max(2, (int) Math.round(cellsAcross * aspect));
        this.rows = aspect >= 1 ? Math.max(2, (int) Math.round(cellsAcross / aspect)) : cellsAcross;
    }

    /** @return the rectangle covered */
    Bounds bounds() {
        return bounds;
    }

    /** @return the number of cells across */
    int columns() {
        return columns;
    }

    /** @return the number of cells up */
    int rows() {
        return rows;
    }

    /**
     * @param column the cell's column, from the left
     * @param row the cell's row, from the bottom
     * @return its index in {@link #points()}
     */
    int index(int column, int row) {
        return row * columns + column;
    }

    /**
     * @param column a column, from the left, or between columns
     * @return the horizontal data coordinate of its centre
     */
    double x(double column) {
        return bounds.xMin() + (column + 0.5) * (bounds.xMax() - bounds.xMin()) / columns;
    }

    /**
     * @param row a row, from the bottom, or between rows
     * @return the vertical data coordinate of its centre
     */
    double y(double row) {
        return bounds.yMin() + (row + 0.5) * (bounds.yMax() - bounds.yMin()) / rows;
    }

    /** @return every cell's centre as {x, y}, one batch for a model */
    double[][] points() {
        double[][] points = new double[columns * rows][];
        for (int row = 0; row < rows; row++) {
            for (int column = 0; column < columns; column++) {
                points[index(column, row)] = new double[] {x(column), y(row)};
            }
        }
        return points;
    }
}
